"""One comparison of a study as the robustness analyses use it."""

from __future__ import annotations

import pandas as pd

from .catalogue import Catalogue
from .study import comparisons


def comparison_matrix(matrix: pd.DataFrame, comparison: str, catalogue: Catalogue):
    """(alternatives, indicator codes, raw matrix, types) of one comparison of a study's matrix."""
    for comp, wide in comparisons(matrix):
        if comp == comparison:
            codes = list(wide.columns)
            return list(wide.index), codes, wide.to_numpy(dtype=float), catalogue.types(codes)
    raise ValueError(f"no comparison {comparison} in the study's matrix")


def read_comparison(matrix_path, weights_path, comparison: str, catalogue: Catalogue):
    """(alternatives, codes, raw matrix, types, weights) of one comparison, from the study's files."""
    matrix = pd.read_csv(matrix_path, dtype={"alternative": str, "comparison": str})
    alternatives, codes, x, types = comparison_matrix(matrix, comparison, catalogue)
    weights = pd.read_csv(weights_path, dtype={"comparison": str})
    w = weights[weights["comparison"] == comparison].set_index("indicator").loc[codes, "weight"].to_numpy()
    return alternatives, codes, x, types, w

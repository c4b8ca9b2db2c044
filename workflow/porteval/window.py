"""The whole-window comparison of a study, as the robustness analyses use it."""

from __future__ import annotations

import pandas as pd

from .catalogue import Catalogue, study_window
from .study import comparisons


def window_matrix(matrix: pd.DataFrame, study: dict, catalogue: Catalogue):
    """(alternatives, indicator codes, raw matrix, types) of the study's comparison over its whole window."""
    window = study_window(study)
    for comp, wide in comparisons(matrix):
        if comp == window:
            codes = list(wide.columns)
            return list(wide.index), codes, wide.to_numpy(dtype=float), catalogue.types(codes)
    raise ValueError(f"no comparison {window} in the study's matrix")

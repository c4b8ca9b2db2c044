"""porteval.window: one comparison of a study as the robustness analyses take it, from the study's files."""

import pandas as pd
import pytest
from conftest import CATALOGUE

from porteval.window import comparison_matrix, read_comparison


def _matrix():
    rows = [
        {"comparison": c, "alternative": a, "indicator": i, "value": v}
        for c in ("2014-2016", "2015")
        for a, base in (("A", 1.0), ("B", 2.0))
        for i, v in (("C21", base), ("C61", 10 * base))
    ]
    return pd.DataFrame(rows)


def test_one_comparison_with_its_indicators_types(tmp_path):
    alternatives, codes, x, types = comparison_matrix(_matrix(), "2015", CATALOGUE)
    assert alternatives == ["A", "B"] and codes == ["C21", "C61"]
    assert x.tolist() == [[1.0, 10.0], [2.0, 20.0]]
    assert list(types) == list(CATALOGUE.types(["C21", "C61"]))
    with pytest.raises(ValueError, match="no comparison 2020"):
        comparison_matrix(_matrix(), "2020", CATALOGUE)


def test_weights_come_in_the_matrix_columns_order(tmp_path):
    matrix, weights = tmp_path / "matrix.csv", tmp_path / "weights.csv"
    _matrix().to_csv(matrix, index=False)
    pd.DataFrame({"comparison": ["2015", "2015"], "indicator": ["C61", "C21"], "weight": [0.7, 0.3]}).to_csv(weights, index=False)
    *_, w = read_comparison(matrix, weights, "2015", CATALOGUE)
    assert w.tolist() == [0.3, 0.7]

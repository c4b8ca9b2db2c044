"""porteval.tables: how a result table reads as text (the report's tables and results/tables/*.md)."""

import pandas as pd

from porteval.tables import IMPUTATION_FOOTNOTE, readable, to_markdown


def test_a_percent_column_has_the_same_decimals_on_every_row_and_a_published_one_its_printed_precision():
    table = pd.DataFrame(
        {
            "utility_pct": [16.2498, 23.8124, 100.0],
            "published_utility_pct": [44.01, 38.13, 100.0],
            "published_x_pct": [73.3, 66.9, 100.0],
            "q": [0.04417, 0.065, 0.1],
        }
    )
    shown, constant = readable(table)
    assert list(shown["utility_pct"]) == ["16.2", "23.8", "100.0"]
    assert list(shown["published_utility_pct"]) == ["44.01", "38.13", "100.00"]
    assert list(shown["published_x_pct"]) == ["73.3", "66.9", "100.0"]
    assert list(shown["q"]) == ["0.044", "0.065", "0.1"] and constant == {}


def test_columns_common_to_all_rows_are_said_once_in_words_and_the_footnote_only_when_asked():
    table = pd.DataFrame({"weighting": ["entropy", "entropy"], "utility_pct": [50.0, 100.0], "imputed_score_share": [0.1, 0.0]})
    text = to_markdown(table, labels=lambda c: c.replace("_", " "))
    assert text.startswith("All rows: weighting = entropy") and "| utility pct " in text and IMPUTATION_FOOTNOTE in text
    assert IMPUTATION_FOOTNOTE not in to_markdown(table, footnote=False)
    gap = to_markdown(pd.DataFrame({"a": [1.5, None], "b": ["x", "y"]}))
    assert "All rows" not in gap and "| —   | y   |" in gap  # a column with a gap is no constant; the gap is a dash

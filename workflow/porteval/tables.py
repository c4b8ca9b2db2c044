"""Per-study result tables, as CSV and Markdown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalogue import Catalogue
from .io import atomic_write_text, write_csv
from .study import IMPUTATION_FLAGS

FILLED_CELL_COLUMNS = ["interpolated_cells", "extrapolated_cells"]
IMPUTATION_FOOTNOTE = (
    "Filled cells: the interpolated and extrapolated cells are the year-cells the pipeline filled "
    "(results/data/coverage.csv lists each); the imputed score share is the share of the alternative's weighted "
    "normalised sum (sum over indicators of w_j x_ij) that comes from filled cells; `filled` lists them per "
    "alternative as `alternative: interpolated i, extrapolated e (share of the score)`."
)


def indicator_filled_cells(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per comparison and indicator, how many of its year-cells were interpolated and extrapolated."""
    out = matrix.groupby(["comparison", "indicator"], as_index=False, sort=False)[["interpolated", "extrapolated"]].sum()
    return out.rename(columns={"interpolated": "interpolated_cells", "extrapolated": "extrapolated_cells"})


def weights_view(weights: pd.DataFrame, matrix: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    out = weights.merge(catalogue.indicators[["name"]], left_on="indicator", right_index=True)
    out = out.merge(indicator_filled_cells(matrix), on=["comparison", "indicator"], how="left")
    return out[["comparison", "indicator", "name", "subsystem", "direction", "weight", "mode", *FILLED_CELL_COLUMNS]]


def overall_view(scores: pd.DataFrame) -> pd.DataFrame:
    out = scores[scores["scope"] == "overall"].assign(utility_pct=lambda d: 100 * d["utility"])
    columns = ["comparison", "alternative", "benefit", "cost", "q", "utility_pct", "rank", *IMPUTATION_FLAGS, "note"]
    return out[columns].reset_index(drop=True)


def filled_summary(rows: pd.DataFrame) -> str:
    """The alternatives of ``rows`` (score rows) with filled cells, e.g. "2014: extrapolated 1 (12% of the score)"."""
    parts = []
    for r in rows.itertuples():
        kinds = (("interpolated", r.interpolated_cells), ("extrapolated", r.extrapolated_cells))
        counts = [f"{kind} {n}" for kind, n in kinds if n]
        if counts:
            parts.append(f"{r.alternative}: {', '.join(counts)} ({100 * r.imputed_score_share:.0f}% of the score)")
    return "; ".join(parts)


def subsystems_view(scores: pd.DataFrame) -> pd.DataFrame:
    """Utility degree in percent of every subsystem (rows) for every alternative (columns), per comparison, and
    its filled cells."""
    sub = scores[scores["scope"] != "overall"]
    wide = 100 * sub.pivot_table(index=["comparison", "scope"], columns="alternative", values="utility", sort=False)
    filled = sub.groupby(["comparison", "scope"], sort=False).apply(filled_summary, include_groups=False).rename("filled")
    wide = wide.join(filled)
    return wide.reset_index().rename(columns={"scope": "subsystem"}).rename_axis(columns=None)


def _decimals(value: float, digits: int) -> str:
    """At most ``digits`` decimals, without trailing zeros (1617.48, not 1617.4800)."""
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _percent_decimals(name: str, values: pd.Series) -> int:
    """Decimals of a percent column, the same on every row: one for ours; for a published column, the fewest
    (one or two) that show every printed value exactly (the paper prints Table 4 to two decimals, Table 3 as
    fractions to three, that is one decimal of a percent)."""
    if not name.startswith("published"):
        return 1
    numbers = values.dropna().astype(float)
    return 1 if bool(((numbers * 10).round() - numbers * 10).abs().max() < 1e-9) else 2


def readable(df: pd.DataFrame, digits: int = 3) -> tuple[pd.DataFrame, dict]:
    """A table as text for reading: missing as a dash, whole numbers without decimals, percentages (``*_pct``)
    with the same decimals on every row, other numbers to at most ``digits`` decimals; columns with one value on
    every row are taken out and returned apart (stated once)."""
    constant = {}
    if len(df) > 1:
        # a missing cell counts as a value of its own: "All rows: a = 1.5" over a column with a gap would be wrong
        constant = {c: df[c].iloc[0] for c in df.columns if df[c].astype(str).nunique(dropna=False) == 1}
    shown = df.drop(columns=list(constant)).astype(object)
    for col in shown.columns:
        values = df[col]
        if str(col).endswith("_pct") and pd.api.types.is_numeric_dtype(values):
            fixed = _percent_decimals(str(col), values)
            shown[col] = ["—" if pd.isna(v) else f"{v:.{fixed}f}" for v in values]
        elif pd.api.types.is_float_dtype(values) or pd.api.types.is_integer_dtype(values):
            whole = values.dropna().apply(float).apply(float.is_integer).all()
            shown[col] = [("—" if pd.isna(v) else f"{v:.0f}" if whole else _decimals(v, digits)) for v in values]
        else:
            # a | or a line break inside a cell would end the Markdown cell or row
            shown[col] = ["—" if pd.isna(v) or v == "" else str(v).replace("|", "\\|").replace("\n", " ") for v in values]
    return shown, {c: ("—" if pd.isna(v) or v == "" else v) for c, v in constant.items()}


def to_markdown(df: pd.DataFrame, digits: int = 3, footnote: bool = True, labels=str) -> str:
    """A Markdown table (see :func:`readable`), the columns common to all rows stated once above it, and the
    footnote on filled cells when the table has such columns (unless ``footnote`` is false: the report says it
    once). ``labels`` turns a column id into the words shown (porteval.report.column_label)."""
    shown, constant = readable(df, digits)
    text = ""
    if constant:
        text += "All rows: " + "; ".join(f"{labels(c)} = {v}" for c, v in constant.items()) + "\n\n"
    text += shown.rename(columns=labels).to_markdown(index=False, disable_numparse=True) + "\n"
    if footnote and {"imputed_score_share", "filled", *FILLED_CELL_COLUMNS} & set(df.columns):
        text += f"\n{IMPUTATION_FOOTNOTE}\n"
    return text


def write_tables(tables: dict[str, pd.DataFrame], paths, **extra_columns) -> None:
    """Write each table to the given paths named after it (``<name>.csv`` and ``<name>.md``)."""
    for path in map(Path, paths):
        table = tables[path.stem].assign(**extra_columns)
        if path.suffix == ".csv":
            write_csv(table, path)
        else:
            atomic_write_text(path, to_markdown(table))

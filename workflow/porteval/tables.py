"""Per-study result tables, as CSV and Markdown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalogue import Catalogue
from .io import atomic_write_text, write_csv


def weights_view(weights: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    out = weights.merge(catalogue.indicators[["name"]], left_on="indicator", right_index=True)
    return out[["comparison", "indicator", "name", "subsystem", "direction", "weight", "mode"]]


def overall_view(scores: pd.DataFrame) -> pd.DataFrame:
    out = scores[scores["scope"] == "overall"]
    return out[["comparison", "alternative", "benefit", "cost", "q", "utility", "rank", "note"]].reset_index(drop=True)


def subsystems_view(scores: pd.DataFrame) -> pd.DataFrame:
    """Utility of every subsystem (rows) for every alternative (columns), per comparison."""
    sub = scores[scores["scope"] != "overall"]
    wide = sub.pivot_table(index=["comparison", "scope"], columns="alternative", values="utility", sort=False)
    return wide.reset_index().rename(columns={"scope": "subsystem"}).rename_axis(columns=None)


def to_markdown(df: pd.DataFrame, digits: int = 3) -> str:
    return df.to_markdown(index=False, floatfmt=f".{digits}f") + "\n"


def write_tables(tables: dict[str, pd.DataFrame], paths, **extra_columns) -> None:
    """Write each table to the given paths named after it (``<name>.csv`` and ``<name>.md``)."""
    for path in map(Path, paths):
        table = tables[path.stem].assign(**extra_columns)
        if path.suffix == ".csv":
            write_csv(table, path)
        else:
            atomic_write_text(path, to_markdown(table))

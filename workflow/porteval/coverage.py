"""What the data cover: every cell the studies need, as sourced, imputed, bound only or missing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalogue import Catalogue

SOURCED, IMPUTED, BOUND_ONLY, MISSING = "sourced", "imputed", "bound_only", "missing"
STATUSES = (SOURCED, IMPUTED, BOUND_ONLY, MISSING)


def coverage_table(observations: pd.DataFrame, imputed: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per (entity, indicator, year) cell of the studies' grids, with its coverage status.

    sourced: a usable raw value; imputed: filled by the pipeline (in at least one study: each study fills
    from its own years); bound_only: only a value the analysis leaves out (a bound, an approximation or a
    suspect value); missing: nothing.
    """
    order = {"observed": 0, "interpolated": 1, "extrapolated": 2, "missing": 3}
    imputed = (
        pd.concat(imputed, ignore_index=True)
        .sort_values(["entity", "indicator", "year", "status"], key=lambda c: c.map(order) if c.name == "status" else c)
        .drop_duplicates(["entity", "indicator", "year"], ignore_index=True)
    )
    unusable = observations[~observations["usable"].astype(bool)]
    unusable = unusable.groupby(["entity", "indicator", "year"])["qualifier"].first().rename("unusable_qualifier")
    cells = imputed.join(unusable, on=["entity", "indicator", "year"])
    status = np.select(
        [
            cells["status"] == "observed",
            cells["status"].isin(["interpolated", "extrapolated"]),
            cells["unusable_qualifier"].notna(),
        ],
        [SOURCED, IMPUTED, BOUND_ONLY],
        default=MISSING,
    )
    out = cells.assign(coverage=status)
    out["unusable_qualifier"] = out["unusable_qualifier"].fillna("")
    return out[["entity", "indicator", "year", "coverage", "status", "unusable_qualifier", "source_id"]]


def gaps_template(coverage: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """A fill-in template, in the raw-data format, of every cell without a usable sourced value.

    Imputed cells are included: a sourced value would replace the pipeline's estimate. The
    ``term_zh`` and ``published_in`` columns say what to look for and where; ``porteval validate``
    accepts them, so a completed template can be dropped into data/raw as it is.
    """
    todo = coverage[coverage["coverage"] != SOURCED].copy()
    ind = catalogue.indicators
    todo["value"] = ""
    todo["unit"] = todo["indicator"].map(ind["unit"])
    todo["qualifier"] = "exact"
    todo["source_id"] = ""
    todo["quote"] = ""
    todo["note"] = (
        "currently " + todo["coverage"] + todo["unusable_qualifier"].map(lambda q: f" ({q} value in data/raw)" if q else "")
    )
    todo["term_zh"] = todo["indicator"].map(ind["term_zh"])
    todo["published_in"] = todo["indicator"].map(ind["published_in"])
    cols = ["entity", "indicator", "year", "value", "unit", "qualifier", "source_id", "quote", "note", "term_zh", "published_in"]
    return todo[cols].sort_values(["entity", "indicator", "year"], ignore_index=True)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Cells per entity and coverage status."""
    table = coverage.pivot_table(index="entity", columns="coverage", values="year", aggfunc="count", fill_value=0)
    return table.reindex(columns=list(STATUSES), fill_value=0).reset_index().rename_axis(columns=None)

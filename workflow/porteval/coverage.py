"""What the data cover: every cell the studies need, as sourced, imputed, bound only or missing."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalogue import Catalogue

SOURCED, INTERPOLATED, EXTRAPOLATED, BOUND_ONLY, MISSING = "sourced", "interpolated", "extrapolated", "bound_only", "missing"
STATUSES = (SOURCED, INTERPOLATED, EXTRAPOLATED, BOUND_ONLY, MISSING)
# The coverage map's colours: sourced dark, filled light (interpolated blue, extrapolated red), a bound amber.
COVERAGE_COLORS = {
    SOURCED: "#2b6c9e",
    INTERPOLATED: "#8fbfe0",
    EXTRAPOLATED: "#e5a0a0",
    BOUND_ONLY: "#f2b134",
    MISSING: "#eeeeee",
}


def coverage_table(observations: pd.DataFrame, imputed: pd.DataFrame, breaks: pd.DataFrame) -> pd.DataFrame:
    """One row per (entity, indicator, year) cell that some study needs, with its coverage status.

    sourced: a usable raw value; interpolated or extrapolated: filled by the pipeline (once per series, the
    same value in every study); bound_only: only a value the analysis leaves out (a bound, an approximation
    or a suspect value); missing: nothing, or beyond the extrapolation cap (``reason`` says which).
    ``level_break`` names the break that ends at the cell's year ("2017->2018 -22.1%: source changes").
    """
    unusable = observations[~observations["usable"].astype(bool)]
    unusable = unusable.groupby(["entity", "indicator", "year"])["qualifier"].first().rename("unusable_qualifier")
    cells = imputed.join(unusable, on=["entity", "indicator", "year"])
    status = np.select(
        [
            cells["status"] == "observed",
            cells["status"] == "interpolated",
            cells["status"] == "extrapolated",
            cells["unusable_qualifier"].notna(),
        ],
        [SOURCED, INTERPOLATED, EXTRAPOLATED, BOUND_ONLY],
        default=MISSING,
    )
    labels = breaks.assign(
        level_break=[f"{b.year_before}->{b.year} {100 * b.change:+.1f}%: {b.why}" for b in breaks.itertuples()]
    )[["entity", "indicator", "year", "level_break"]]
    out = cells.assign(coverage=status).merge(labels, on=["entity", "indicator", "year"], how="left")
    out["unusable_qualifier"] = out["unusable_qualifier"].fillna("")
    out["level_break"] = out["level_break"].fillna("")
    out["reason"] = out["reason"].fillna("")
    columns = ["entity", "indicator", "year", "coverage", "status", "unusable_qualifier", "source_id", "level_break", "reason"]
    return out.sort_values(["entity", "indicator", "year"], ignore_index=True)[columns]


def gaps_template(coverage: pd.DataFrame, catalogue: Catalogue, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """A fill-in template, in the raw-data format, of every cell without a usable sourced value.

    Filled cells are included: a sourced value would replace the pipeline's estimate. The
    ``term_zh`` and ``published_in`` columns say what to look for and where, ``claims`` which of the papers' claims
    rest on the cell (``claims``: :func:`porteval.claims.claims_by_cell`; a claim our data cannot test needs every
    such cell of its indicators); ``porteval validate`` accepts them, so a completed template can be dropped into
    data/raw as it is.
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
    keys = ["entity", "indicator", "year"]
    found = claims.set_index(keys)["claims"] if claims is not None and len(claims) else pd.Series(dtype=str)
    todo["claims"] = [found.get(k, "") for k in zip(todo["entity"], todo["indicator"], todo["year"], strict=True)]
    cols = [*keys, "value", "unit", "qualifier", "source_id", "quote", "note", "term_zh", "published_in", "claims"]
    return todo[cols].sort_values(keys, ignore_index=True)


def coverage_summary(coverage: pd.DataFrame) -> pd.DataFrame:
    """Cells per entity and coverage status."""
    table = coverage.pivot_table(index="entity", columns="coverage", values="year", aggfunc="count", fill_value=0)
    return table.reindex(columns=list(STATUSES), fill_value=0).reset_index().rename_axis(columns=None)

"""The scorecard: one row per published number, beside ours.

A scorecard ``status`` says what *our data* give: **reproduced** (our number is inside the interval the published
rounding allows, ``allowed_low`` to ``allowed_high``), **differs** (outside it), **not_reproducible** (the data it
needs are missing; the note names them). Whether the published number agrees with the paper's *other* published
numbers is a separate column, ``paper_identity`` (holds / fails, from the audit): it is no evidence of reproduction.

The rows of each paper come from its plug-in (porteval.reproductions); this module holds what every paper's rows
share: the row's form, the comparison with the published rounding, and the scorecard's decisions and summary.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .audit import PERCENT2
from .diagnosis import HALF_UNIT
from .papers import PAPERS, short_id
from .study import IMPUTATION_FLAGS

REPRODUCED, DIFFERS, NOT_REPRODUCIBLE = "reproduced", "differs", "not_reproducible"
STATUSES = (REPRODUCED, DIFFERS, NOT_REPRODUCIBLE)
HOLDS, FAILS = "holds", "fails"
CARD_COLUMNS = [
    "table",
    "row",
    "column",
    "published",
    "reproduced",
    "allowed_low",
    "allowed_high",
    "abs_diff",
    "status",
    "paper_identity",
    "note",
]
PUBLISHED_SCORE_COLUMNS = {
    "benefit": "benefit_value",
    "cost": "cost_value",
    "q": "evaluation_value",
    "utility": "utility_pct",
    "rank": "rank",
}
SCORE_TOLERANCE = {"benefit": HALF_UNIT, "cost": HALF_UNIT, "q": HALF_UNIT, "utility": PERCENT2, "rank": 0}
AUDIT_CHECKS = {"q": "Q = S+ + sum(S-) / (S- * sum(1/S-))", "utility": "U = 100 Q / max Q", "rank": "rank by U"}


def needs_note(dropped: pd.DataFrame, indicators=None) -> str:
    """Why indicators are absent: the data cells they need, or that the study does not use them."""
    part = dropped if indicators is None else dropped[dropped["indicator"].isin(indicators)]
    cells = ", ".join(f"{r.indicator} ({r.entity})" for r in part.drop_duplicates(["indicator", "entity"]).itertuples())
    notes = [f"needs data for {cells}; see results/data/gaps.csv"] if cells else []
    unused = [c for c in (indicators or []) if c not in set(dropped["indicator"])]
    if unused:
        notes.append(f"{', '.join(unused)} not among the study's indicators (config)")
    return "; ".join(notes)


def card_row(table, row, column, published, reproduced, status, note, allowed=(np.nan, np.nan), identity=""):
    return {
        "table": table,
        "row": row,
        "column": column,
        "published": published,
        "reproduced": reproduced,
        "allowed_low": allowed[0],
        "allowed_high": allowed[1],
        "abs_diff": abs(reproduced - published) if pd.notna(reproduced) else np.nan,
        "status": status,
        "paper_identity": identity,
        "note": note,
    }


def compared(table, row, column, published, reproduced, half_unit, note=""):
    """A scorecard row that compares our number with a published one printed to +-half_unit."""
    allowed = (published - half_unit, published + half_unit)
    status = REPRODUCED if allowed[0] - 1e-12 <= reproduced <= allowed[1] + 1e-12 else DIFFERS
    return card_row(table, row, column, published, reproduced, status, note, allowed)


def filled_flags(scores: pd.DataFrame, comparison: str, scope: str, alternative: str) -> dict:
    """The filled-cell columns of one score row (empty where we have no score)."""
    row = scores[(scores["comparison"] == comparison) & (scores["scope"] == scope) & (scores["alternative"] == alternative)]
    if row.empty:
        return dict.fromkeys(IMPUTATION_FLAGS, np.nan)
    return {col: row[col].iloc[0] for col in IMPUTATION_FLAGS}


def score_cards(table: pd.DataFrame, name: str, key: str, audit_rows: pd.DataFrame, dropped: pd.DataFrame, partial: bool):
    """Scorecard rows of Table 4 or 5: compared when our data are complete, otherwise not reproducible; the
    audit's verdict on the published number's own identity in ``paper_identity``."""
    card = []
    ok = audit_rows[audit_rows["table"] == name].set_index(["check", "row"])["within_rounding"]
    for _, row in table.iterrows():
        label = str(row[key])
        for col in PUBLISHED_SCORE_COLUMNS:
            published, ours = row[f"published_{col}"], row[col]
            check = ok.get((AUDIT_CHECKS.get(col), label))
            identity = "" if check is None else (HOLDS if check else FAILS)
            if partial:
                entry = card_row(name, label, col, published, ours, NOT_REPRODUCIBLE, needs_note(dropped))
            else:
                entry = compared(name, label, col, published, ours, SCORE_TOLERANCE[col])
            card.append({**entry, "paper_identity": identity})
    return card


def utility_in_percent(table: pd.DataFrame, scale: float) -> pd.DataFrame:
    """The table as a reader reads it: ``utility`` and ``published_utility`` in percent (``scale`` 100 for a
    table of fractions, 1 for one already in percent), named ``utility_pct`` and ``published_utility_pct``."""
    out = table.copy()
    for col in ("utility", "published_utility"):
        out[f"{col}_pct"] = out.pop(col) * scale
    return out


# The tables whose numbers are ranked within a column among the rows that start with the same word (the registry's
# ``ranked_within: row_prefix``; e.g. Table 3's years within a subsystem, rows "X1 2014").
RANKED_BY_ROW_PREFIX = frozenset(
    short_id(name)
    for paper in PAPERS.values()
    for name, table in paper["tables"].items()
    if table.get("ranked_within") == "row_prefix"
)


def rank_groups(card: pd.DataFrame, by_row_prefix=RANKED_BY_ROW_PREFIX) -> pd.Series:
    """The numbers a published number is ranked among: the years or ports of one column of its table (Table 2: the
    indicators' weights), or of one row prefix within it for a table in ``by_row_prefix``."""
    first = card["row"].astype(str).str.split(" ").str[0]
    return card["table"] + "/" + card["column"] + "/" + first.where(card["table"].isin(by_row_prefix), "")


def with_decisions(card: pd.DataFrame) -> pd.DataFrame:
    """Each differing number classed as statcheck classes a result: ``changes a rank`` when our value sits at
    another place among its group's reproduced numbers (:func:`rank_groups`) than the published one does among the
    published, else ``changes no rank``; empty for the other statuses."""
    out = card.assign(decision="")
    compared = out["reproduced"].notna() & out["published"].notna() & (out["status"] != NOT_REPRODUCIBLE)
    part = out[compared].assign(group=rank_groups(out[compared]))
    for _, group in part.groupby("group"):
        ours = group["reproduced"].rank(ascending=False, method="min")
        theirs = group["published"].rank(ascending=False, method="min")
        differs = group["status"] == DIFFERS
        out.loc[group.index[differs], "decision"] = [
            "changes a rank" if ours[i] != theirs[i] else "changes no rank" for i in group.index[differs]
        ]
    return out


def scorecard_summary(card: pd.DataFrame) -> pd.DataFrame:
    """Per table: what our data reproduce (status), and apart from it, how many published numbers the paper's own
    identities confirm (paper_identity)."""
    summary = card.pivot_table(index="table", columns="status", values="row", aggfunc="count", fill_value=0)
    summary = summary.reindex(columns=list(STATUSES), fill_value=0)
    identity = card[card["paper_identity"].isin([HOLDS, FAILS])]
    ids = identity.pivot_table(index="table", columns="paper_identity", values="row", aggfunc="count", fill_value=0)
    ids = ids.reindex(columns=[HOLDS, FAILS], fill_value=0).add_prefix("paper_identity_")
    summary = summary.join(ids).fillna(0).astype(int)
    summary.loc["all"] = summary.sum()
    return summary.reset_index().rename_axis(columns=None)

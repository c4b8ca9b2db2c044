"""The published tables beside ours, and the scorecard: one row per published number.

A scorecard ``status`` says what *our data* give: **reproduced** (our number is inside the interval the published
rounding allows, ``allowed_low`` to ``allowed_high``), **differs** (outside it), **not_reproducible** (the data it
needs are missing; the note names them). Whether the published number agrees with the paper's *other* published
numbers is a separate column, ``paper_identity`` (holds / fails, from the audit): it is no evidence of reproduction.

What is comparable when indicators are missing (docs/reproduction.md gives the details):

* Table 2: an indicator's entropy divergence d_j depends on its own series only; d_j / D is our weight on the
  paper's scale, compared with the published weight (porteval.diagnosis).
* Table 3: a subsystem's utility uses only its own indicators, and U does not depend on the scale of the weights,
  so a subsystem whose indicators are all present is directly comparable.
* Tables 4-6 need every indicator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .catalogue import study_window, study_years
from .curation import ZHANG_ID, select
from .diagnosis import EDGE, FITTED, HALF_UNIT, MATCHES, MISSING
from .study import IMPUTATION_FLAGS
from .tables import FILLED_CELL_COLUMNS, indicator_filled_cells

PERCENT2 = 0.005  # half a unit of the second decimal of a percentage
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


def _needs(dropped: pd.DataFrame, indicators=None) -> str:
    """Why indicators are absent: the data cells they need, or that the study does not use them."""
    part = dropped if indicators is None else dropped[dropped["indicator"].isin(indicators)]
    cells = ", ".join(f"{r.indicator} ({r.entity})" for r in part.drop_duplicates(["indicator", "entity"]).itertuples())
    notes = [f"needs data for {cells}; see results/data/gaps.csv"] if cells else []
    unused = [c for c in (indicators or []) if c not in set(dropped["indicator"])]
    if unused:
        notes.append(f"{', '.join(unused)} not among the study's indicators (config)")
    return "; ".join(notes)


def _card(table, row, column, published, reproduced, status, note, allowed=(np.nan, np.nan), identity=""):
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


def _compared(table, row, column, published, reproduced, half_unit, note=""):
    """A scorecard row that compares our number with a published one printed to +-half_unit."""
    allowed = (published - half_unit, published + half_unit)
    status = REPRODUCED if allowed[0] - 1e-12 <= reproduced <= allowed[1] + 1e-12 else DIFFERS
    return _card(table, row, column, published, reproduced, status, note, allowed)


def _flags(scores: pd.DataFrame, comparison: str, scope: str, alternative: str) -> dict:
    """The filled-cell columns of one score row (empty where we have no score)."""
    row = scores[(scores["comparison"] == comparison) & (scores["scope"] == scope) & (scores["alternative"] == alternative)]
    if row.empty:
        return dict.fromkeys(IMPUTATION_FLAGS, np.nan)
    return {col: row[col].iloc[0] for col in IMPUTATION_FLAGS}


def table2_cards(diagnosis: pd.DataFrame, dropped: pd.DataFrame) -> list[dict]:
    """Table 2's scorecard rows from the series diagnosis: our d_j / D against the published weight."""
    card = []
    for r in diagnosis.itertuples():
        if r.verdict == MISSING or pd.isna(r.d):
            card.append(
                _card(
                    "table2", r.indicator, "weight", r.published_weight, np.nan, NOT_REPRODUCIBLE, _needs(dropped, [r.indicator])
                )
            )
            continue
        allowed = (r.d_required_low / r.D, r.d_required_high / r.D)
        status = REPRODUCED if r.verdict in (MATCHES, EDGE) else (DIFFERS if pd.notna(r.D_low) else NOT_REPRODUCIBLE)
        fitted = " (D fitted to our series: this status rests on our data)" if r.D_source == FITTED else ""
        note = (
            f"our d_j / D, D from the {r.D_source} = {r.D:.4f} (range over the roundings {r.D_low:.4f} to "
            f"{r.D_high:.4f}){fitted}; "
            f"allowed: the published weight +-{HALF_UNIT} times that range; ratio {r.ratio:.3f} "
            f"({r.ratio_low:.3f} to {r.ratio_high:.3f}), {r.verdict}; an unrelated series would match in "
            f"{r.p_match_unrelated:.2f} of {r.n_unrelated} independent runs of other series; see series_diagnosis.csv"
        )
        card.append(_card("table2", r.indicator, "weight", r.published_weight, r.weight_on_paper_scale, status, note, allowed))
    return card


def longitudinal_tables(weights, scores, matrix, dropped, diagnosis, ref, catalogue, study):
    """Tables 2, 3 and 4 with the published columns and our filled cells, and their scorecard rows."""
    window = study_window(study)
    pub_w = ref["table2_weights"].set_index("indicator")
    ours_w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
    kept = list(ours_w.index)
    left_out = sorted(set(pub_w.index) - set(kept))
    partial = bool(left_out)
    card = table2_cards(diagnosis, dropped)
    diag = diagnosis.set_index("indicator")
    t2 = pub_w.reset_index()[["indicator", "subsystem", "published_weight"]].copy()
    t2["weight"] = t2["indicator"].map(ours_w)
    t2["weight_on_paper_scale"] = t2["indicator"].map(diag["weight_on_paper_scale"])
    t2["verdict"] = t2["indicator"].map(diag["verdict"])
    t2["partial"] = partial
    filled = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
    for col in FILLED_CELL_COLUMNS:
        t2[col] = t2["indicator"].map(filled[col]).astype("Int64")
    columns = ["indicator", "subsystem", "weight", "published_weight", "weight_on_paper_scale", "verdict", "partial"]
    t2 = t2[[*columns, *FILLED_CELL_COLUMNS]]

    main = scores[scores["comparison"] == window]
    years = [str(y) for y in study_years(study)]
    pub3 = ref["table3_subsystems"].set_index("subsystem")
    t3_rows = []
    for sub in pub3.index:
        codes = list(catalogue.indicators.index[catalogue.indicators["subsystem"] == sub])
        missing = [c for c in codes if c not in kept]
        ours = main[main["scope"] == sub].set_index("alternative")["utility"]
        for year in years:
            value = ours.get(year, np.nan)
            published = float(pub3.loc[sub, year])
            t3_rows.append(
                {
                    "subsystem": sub,
                    "year": int(year),
                    "utility": value,
                    "published_utility": published,
                    "left_out": " ".join(missing),
                    **_flags(scores, window, sub, year),
                }
            )
            if missing:
                card.append(
                    _card("table3", f"{sub} {year}", "utility", published, value, NOT_REPRODUCIBLE, _needs(dropped, missing))
                )
            else:
                note = "all the subsystem's indicators are present: directly comparable"
                card.append(_compared("table3", f"{sub} {year}", "utility", published, value, HALF_UNIT, note))
    t3 = pd.DataFrame(t3_rows)

    overall = main[main["scope"] == "overall"].set_index("alternative")
    pub4 = ref["table4_overall"].assign(year=lambda d: d["year"].astype(str)).set_index("year")
    t4 = pd.DataFrame({"year": [int(y) for y in years]})
    for col in ("benefit", "cost", "q", "utility", "rank"):
        t4[col] = [overall[col].get(y, np.nan) for y in years]
    for ours_col, pub_col in PUBLISHED_SCORE_COLUMNS.items():
        t4[f"published_{ours_col}"] = [pub4.loc[y, pub_col] for y in years]
    t4["utility"] = t4["utility"] * 100
    t4["partial"] = partial
    t4["left_out"] = " ".join(left_out)
    t4 = t4.join(pd.DataFrame([_flags(scores, window, "overall", y) for y in years]))
    return t2, t3, t4, card


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
                entry = _card(name, label, col, published, ours, NOT_REPRODUCIBLE, _needs(dropped))
            else:
                entry = _compared(name, label, col, published, ours, SCORE_TOLERANCE[col])
            card.append({**entry, "paper_identity": identity})
    return card


def cross_port_tables(scores, dropped, ref, catalogue, study):
    """Tables 5 and 6 with the published columns."""
    window = study_window(study)
    codes = {port: catalogue.ports[port]["code"] for port in study["ports"]}
    left_out = " ".join(sorted(dropped["indicator"].unique()))
    overall = scores[scores["scope"] == "overall"]
    period = overall[overall["comparison"] == window].set_index("alternative")
    pub5 = ref["table5_ports"].set_index("code")
    t5 = pd.DataFrame({"code": [codes[p] for p in study["ports"]], "port": study["ports"]})
    for col in ("benefit", "cost", "q", "utility", "rank"):
        t5[col] = [period[col].get(p, np.nan) for p in study["ports"]]
    for ours_col, pub_col in PUBLISHED_SCORE_COLUMNS.items():
        t5[f"published_{ours_col}"] = [pub5.loc[c, pub_col] for c in t5["code"]]
    t5["utility"] = t5["utility"] * 100
    t5["partial"] = bool(left_out)
    t5["left_out"] = left_out
    t5 = t5.join(pd.DataFrame([_flags(scores, window, "overall", p) for p in study["ports"]]))
    pub6 = ref["table6_port_years"].set_index("year")
    rows, card = [], []
    for year in pub6.index:
        ours = overall[overall["comparison"] == str(year)].set_index("alternative")["utility"]
        for port in study["ports"]:
            code = codes[port]
            published, value = float(pub6.loc[year, code]), ours.get(port, np.nan)
            rows.append(
                {
                    "year": year,
                    "code": code,
                    "port": port,
                    "utility": value,
                    "published_utility": published,
                    "partial": bool(left_out),
                    "left_out": left_out,
                    **_flags(scores, str(year), "overall", port),
                }
            )
            if left_out:
                card.append(_card("table6", f"{year} {code}", "utility", published, value, NOT_REPRODUCIBLE, _needs(dropped)))
            else:
                card.append(_compared("table6", f"{year} {code}", "utility", published, value, HALF_UNIT))
    return t5, pd.DataFrame(rows), card


def utility_in_percent(table: pd.DataFrame, scale: float) -> pd.DataFrame:
    """The table as a reader reads it: ``utility`` and ``published_utility`` in percent (``scale`` 100 for a
    table of fractions, 1 for one already in percent), named ``utility_pct`` and ``published_utility_pct``."""
    out = table.copy()
    for col in ("utility", "published_utility"):
        out[f"{col}_pct"] = out.pop(col) * scale
    return out


def rank_groups(card: pd.DataFrame) -> pd.Series:
    """The numbers a published number is ranked among: Table 3's years within a subsystem, the years or ports of
    one column of the other tables (Table 2: the indicators' weights)."""
    first = card["row"].astype(str).str.split(" ").str[0]
    return card["table"] + "/" + card["column"] + "/" + first.where(card["table"] == "table3", "")


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


def rounding_unit(value: float) -> float:
    """Half a unit of the last significant digit of ``value`` as printed (e.g. 101000 -> 500)."""
    text = f"{value:.10g}"
    if "." in text:
        return 0.5 * 10 ** -len(text.split(".")[1])
    stripped = text.rstrip("0")
    return 0.5 * 10 ** (len(text) - len(stripped))


def zhang_table(decisions: pd.DataFrame, ref: pd.DataFrame, use_qualifiers) -> tuple[pd.DataFrame, list[dict]]:
    """Zhang's Table 2 against independent sources: the best value by the precedence rule that is not Zhang's own."""
    pool = decisions[
        (decisions["entity"] == "Ningbo-Zhoushan Port")
        & decisions["indicator"].isin(["C21", "C22"])
        & (decisions["source_id"] != ZHANG_ID)
        & decisions["qualifier"].isin(use_qualifiers)
    ].copy()
    pool["excluded"] = ""
    chosen = select(pool)
    chosen = chosen[chosen["decision"] == "kept"].set_index(["indicator", "year"])
    columns = {"C21": "cargo_throughput_10k_tons", "C22": "container_throughput_10k_teu"}
    rows, card = [], []
    for _, pub in ref.iterrows():
        year = int(pub["year"])
        row = {"year": year}
        for code, col in columns.items():
            published = float(pub[col])
            found = chosen.loc[(code, year)] if (code, year) in chosen.index else None
            value = float(found["value"]) if found is not None else np.nan
            row[col], row[f"published_{col}"] = value, published
            row[f"{col}_source_id"] = found["source_id"] if found is not None else ""
            if found is None:
                status, note = NOT_REPRODUCIBLE, f"no independent source for {code} {year}; see data/curation/decisions.csv"
            else:
                pub_half, src_half = rounding_unit(published), rounding_unit(value)
                tol = pub_half + src_half
                note = (
                    f"{found['source_id']} ({found['qualifier']}, {found['authority']}); "
                    f"agreement judged within the rounding of both figures (±{tol:g})"
                )
                if abs(value - published) > tol:
                    status = DIFFERS
                elif src_half > pub_half:  # agreement at a coarser precision than the number tested
                    status = NOT_REPRODUCIBLE
                    note += f"; the source is rounded to ±{src_half:g}, too coarse to test a number printed to ±{pub_half:g}"
                else:
                    status = REPRODUCED
            allowed = (published - tol, published + tol) if found is not None else (np.nan, np.nan)
            card.append(_card("zhang_table2", str(year), col, published, value, status, note, allowed))
        rows.append(row)
    return pd.DataFrame(rows), card

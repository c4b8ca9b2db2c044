"""The published tables beside ours, the scorecard, and the audit of the published tables' own identities.

What is comparable when indicators are missing (docs/reproduction.md gives the details):

* Table 2: the entropy divergence d_j of an indicator does not depend on the others, so with the paper's
  data our weight would equal the published weight renormalised over the indicators we have.
* Table 3: a subsystem's utility uses only its own indicators, and U does not depend on the scale of the
  weights, so a subsystem whose indicators are all present is directly comparable.
* Tables 4-6 need every indicator; with some missing they are not reproducible, but the published Q, U and
  ranks can still be checked against the published S+ and S- (status ``consistent``).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from .catalogue import Catalogue, study_window, study_years
from .curation import select
from .study import IMPUTATION_FLAGS
from .tables import FILLED_CELL_COLUMNS, indicator_filled_cells

DECIMALS3 = 0.0005  # half a unit of the third decimal: the rounding of the published tables
PERCENT2 = 0.005  # half a unit of the second decimal of a percentage
REPRODUCED, DIFFERS, NOT_REPRODUCIBLE, CONSISTENT = "reproduced", "differs", "not_reproducible", "consistent"
ZHANG_SOURCE = "zhang-table2"


def read_reference(folder) -> dict[str, pd.DataFrame]:
    names = ["table2_weights", "table3_subsystems", "table4_overall", "table5_ports", "table6_port_years"]
    tables = {n: pd.read_csv(f"{folder}/zeng2022_{n}.csv") for n in names}
    tables["zhang_table2"] = pd.read_csv(f"{folder}/zhang_table2_throughput.csv")
    return tables


def _needs(dropped: pd.DataFrame, indicators=None) -> str:
    """Why indicators are absent: the data cells they need, or that the study does not use them."""
    part = dropped if indicators is None else dropped[dropped["indicator"].isin(indicators)]
    cells = ", ".join(f"{r.indicator} ({r.entity})" for r in part.drop_duplicates(["indicator", "entity"]).itertuples())
    notes = [f"needs data for {cells}; see results/data/gaps.csv"] if cells else []
    unused = [c for c in (indicators or []) if c not in set(dropped["indicator"])]
    if unused:
        notes.append(f"{', '.join(unused)} not among the study's indicators (config)")
    return "; ".join(notes)


# --- the audit of the published tables ------------------------------------------------------------------


def q_from(s_plus, s_minus):
    s_minus = np.asarray(s_minus, dtype=float)
    return np.asarray(s_plus, dtype=float) + s_minus.sum(axis=-1, keepdims=True) / (
        s_minus * (1 / s_minus).sum(axis=-1, keepdims=True)
    )


def q_range(s_plus, s_minus, half_unit=DECIMALS3):
    """Min and max of Q over every rounding of the published S- (corners of the rounding box) and S+."""
    s_minus = np.asarray(s_minus, dtype=float)
    corners = np.array(list(itertools.product((-half_unit, half_unit), repeat=len(s_minus))))
    qs = q_from(np.asarray(s_plus)[None, :], s_minus[None, :] + corners)
    return qs.min(axis=0) - half_unit, qs.max(axis=0) + half_unit


def _check(rows, check, table, row, expected, published, lo, hi, note=""):
    rows.append(
        {
            "check": check,
            "table": table,
            "row": row,
            "expected": expected,
            "published": published,
            "residual": published - expected,
            "within_rounding": bool(lo - 1e-12 <= published <= hi + 1e-12),
            "note": note,
        }
    )


def audit_scores_table(rows, table: pd.DataFrame, name: str, key: str):
    """Q from S+ and S-, U from Q, rank from U, for Table 4 or Table 5."""
    s_plus, s_minus = table["benefit_value"].to_numpy(), table["cost_value"].to_numpy()
    q_pub, u_pub = table["evaluation_value"].to_numpy(), table["utility_pct"].to_numpy()
    q_calc = q_from(s_plus, s_minus)
    lo, hi = q_range(s_plus, s_minus)
    for i, label in enumerate(table[key].astype(str)):
        _check(
            rows,
            "Q = S+ + sum(S-) / (S- * sum(1/S-))",
            name,
            label,
            q_calc[i],
            q_pub[i],
            lo[i],
            hi[i],
            "range: every rounding of the published S+ and S-",
        )
    best = q_pub.max()
    for i, label in enumerate(table[key].astype(str)):
        u_calc = 100 * q_pub[i] / best
        lo_u = 100 * (q_pub[i] - DECIMALS3) / (best + DECIMALS3) if q_pub[i] != best else 100.0
        hi_u = 100 * (q_pub[i] + DECIMALS3) / (best - DECIMALS3) if q_pub[i] != best else 100.0
        _check(rows, "U = 100 Q / max Q", name, label, u_calc, u_pub[i], lo_u - PERCENT2, hi_u + PERCENT2)
    ranks = pd.Series(u_pub).rank(ascending=False, method="min").to_numpy()
    for i, label in enumerate(table[key].astype(str)):
        _check(rows, "rank by U", name, label, ranks[i], table["rank"].iloc[i], ranks[i], ranks[i])


def audit(ref: dict[str, pd.DataFrame], catalogue: Catalogue) -> pd.DataFrame:
    """Identities that must hold among the published tables, each with its residual."""
    rows: list[dict] = []
    w = ref["table2_weights"].set_index("indicator")["published_weight"]
    n = len(w)
    _check(rows, "weights sum to 1", "table2", "all", 1.0, w.sum(), 1 - n * DECIMALS3, 1 + n * DECIMALS3)
    cost = [c for c in w.index if catalogue.indicators.at[c, "direction"] == "cost"]
    benefit = [c for c in w.index if c not in cost]
    t4, t5 = ref["table4_overall"], ref["table5_ports"]
    for table, name, m in ((t4, "table4", len(t4)), (t5, "table5", len(t5))):
        tol = m * DECIMALS3 + len(cost) * DECIMALS3
        _check(
            rows,
            "sum of S- = sum of cost weights (Table 2)",
            name,
            "all",
            w[cost].sum(),
            table["cost_value"].sum(),
            w[cost].sum() - tol,
            w[cost].sum() + tol,
            "each alternative's x sums to 1 over the alternatives"
            if name == "table4"
            else "fails if the cross-port weights were recomputed by entropy over the four ports (docs/method.md)",
        )
        tol = m * DECIMALS3 + len(benefit) * DECIMALS3
        _check(
            rows,
            "sum of S+ = sum of benefit weights (Table 2)",
            name,
            "all",
            w[benefit].sum(),
            table["benefit_value"].sum(),
            w[benefit].sum() - tol,
            w[benefit].sum() + tol,
        )
    audit_scores_table(rows, t4, "table4", "year")
    audit_scores_table(rows, t5, "table5", "code")
    _audit_table3(rows, ref["table3_subsystems"], t4, w, catalogue)
    t6 = ref["table6_port_years"].set_index("year")
    for year, row in t6.iterrows():
        _check(rows, "the best port of a year has U = 1", "table6", str(year), 1.0, row.max(), 1 - DECIMALS3, 1 + DECIMALS3)
    return pd.DataFrame(rows)


def _audit_table3(rows, t3: pd.DataFrame, t4: pd.DataFrame, w: pd.Series, catalogue: Catalogue):
    """Table 3 with Table 2 against Table 4's S+.

    For a subsystem of benefit indicators, S+ over the years sums to its weight W_X, and S+_X,i is proportional
    to U_X,i, so S+_X,i = W_X U_X,i / sum_k U_X,k. Summing the benefit-only subsystems leaves, in Table 4's S+,
    the part of the green subsystem's benefit indicator (C63): w_C63 x_i,C63, which must be >= 0 and sum to w_C63.
    """
    t3 = t3.set_index("subsystem")
    years = [str(y) for y in t4["year"]]
    sub_of = catalogue.indicators.loc[w.index, "subsystem"]
    mixed = {s for s in sub_of if (catalogue.indicators.loc[sub_of[sub_of == s].index, "direction"] == "cost").any()}
    implied = pd.Series(0.0, index=years)
    for sub in t3.index:
        if sub in mixed:
            continue
        u = t3.loc[sub, years].astype(float)
        implied += w[sub_of == sub].sum() * u / u.sum()
    remainder = t4["benefit_value"].to_numpy() - implied.to_numpy()
    benefit_in_mixed = [c for c in w.index if sub_of[c] in mixed and catalogue.indicators.at[c, "direction"] == "benefit"]
    target = w[benefit_in_mixed].sum()
    tol = len(years) * DECIMALS3 * 3
    _check(
        rows,
        "Table 4 S+ minus benefit-only subsystems = weight of the rest",
        "table3",
        "all",
        target,
        remainder.sum(),
        target - tol,
        target + tol,
        f"the rest: {', '.join(benefit_in_mixed)}; tolerance approximate",
    )
    for year, r in zip(years, remainder, strict=True):
        _check(rows, "implied share of the rest is non-negative", "table3", year, max(r, 0.0), r, -3 * DECIMALS3, math.inf)


# --- our tables beside the published ones ---------------------------------------------------------------


def renormalised_range(published: pd.Series, kept: list[str], code: str) -> tuple[float, float, float]:
    """The published weight of ``code`` renormalised over ``kept``, with its range under the published rounding."""
    a = published[code]
    rest = published[kept].sum() - a
    k = len(kept) - 1
    centre = a / (a + rest)
    lo = (a - DECIMALS3) / ((a - DECIMALS3) + rest + k * DECIMALS3)
    hi = (a + DECIMALS3) / ((a + DECIMALS3) + max(rest - k * DECIMALS3, 0.0))
    return centre, max(lo, 0.0), hi


def _flags(scores: pd.DataFrame, comparison: str, scope: str, alternative: str) -> dict:
    """The filled-cell columns of one score row (zeros where we have no score)."""
    row = scores[(scores["comparison"] == comparison) & (scores["scope"] == scope) & (scores["alternative"] == alternative)]
    if row.empty:
        return dict.fromkeys(IMPUTATION_FLAGS, np.nan)
    return {col: row[col].iloc[0] for col in IMPUTATION_FLAGS}


def longitudinal_tables(weights, scores, matrix, dropped, ref, catalogue, study):
    """Tables 2, 3 and 4 with the published columns and our filled cells, and their scorecard rows."""
    window = study_window(study)
    card: list[dict] = []
    pub_w = ref["table2_weights"].set_index("indicator")
    ours_w = weights[weights["comparison"] == window].set_index("indicator")["weight"]
    kept = list(ours_w.index)
    left_out = sorted(set(pub_w.index) - set(kept))
    partial = bool(left_out)
    t2 = pub_w.reset_index()[["indicator", "subsystem", "published_weight"]].copy()
    t2["weight"] = t2["indicator"].map(ours_w)
    t2["compared_with"] = np.nan
    for i, row in t2.iterrows():
        code = row["indicator"]
        if code not in kept:
            card.append(
                _card("table2", code, "weight", row["published_weight"], np.nan, NOT_REPRODUCIBLE, _needs(dropped, [code]))
            )
            continue
        centre, lo, hi = renormalised_range(pub_w["published_weight"], kept, code)
        t2.loc[i, "compared_with"] = centre
        status = REPRODUCED if lo - 1e-12 <= row["weight"] <= hi + 1e-12 else DIFFERS
        note = (
            f"compared with the published weight renormalised over the {len(kept)} indicators present ({centre:.4f})"
            if partial
            else ""
        )
        card.append(_card("table2", code, "weight", row["published_weight"], row["weight"], status, note, centre))
    t2["partial"] = partial
    filled = indicator_filled_cells(matrix[matrix["comparison"] == window]).set_index("indicator")
    for col in FILLED_CELL_COLUMNS:
        t2[col] = t2["indicator"].map(filled[col]).astype("Int64")
    t2 = t2[["indicator", "subsystem", "weight", "published_weight", "compared_with", "partial", *FILLED_CELL_COLUMNS]]

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
                status = REPRODUCED if abs(value - published) <= DECIMALS3 + 1e-9 else DIFFERS
                card.append(
                    _card(
                        "table3",
                        f"{sub} {year}",
                        "utility",
                        published,
                        value,
                        status,
                        "all the subsystem's indicators are present: directly comparable",
                    )
                )
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


PUBLISHED_SCORE_COLUMNS = {
    "benefit": "benefit_value",
    "cost": "cost_value",
    "q": "evaluation_value",
    "utility": "utility_pct",
    "rank": "rank",
}


def score_cards(table: pd.DataFrame, name: str, key: str, audit_rows: pd.DataFrame, dropped: pd.DataFrame, partial: bool):
    """Scorecard rows of Table 4 or 5: compared when complete; otherwise consistent (by the audit) or not reproducible."""
    card = []
    ok = audit_rows[audit_rows["table"] == name].set_index(["check", "row"])["within_rounding"]
    checks = {"q": "Q = S+ + sum(S-) / (S- * sum(1/S-))", "utility": "U = 100 Q / max Q", "rank": "rank by U"}
    tolerance = {"benefit": DECIMALS3, "cost": DECIMALS3, "q": DECIMALS3, "utility": PERCENT2, "rank": 0}
    for _, row in table.iterrows():
        label = str(row[key])
        for col in PUBLISHED_SCORE_COLUMNS:
            published, ours = row[f"published_{col}"], row[col]
            if not partial:
                status = REPRODUCED if abs(ours - published) <= tolerance[col] + 1e-9 else DIFFERS
                card.append(_card(name, label, col, published, ours, status, ""))
            elif col in checks and ok.get((checks[col], label), False):
                card.append(
                    _card(
                        name,
                        label,
                        col,
                        published,
                        ours,
                        CONSISTENT,
                        f"confirmed from the published S+ and S- ({checks[col]}); " + _needs(dropped),
                    )
                )
            else:
                card.append(_card(name, label, col, published, ours, NOT_REPRODUCIBLE, _needs(dropped)))
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
            if left_out and published == 1.0:
                status, note = CONSISTENT, "the best port of the year has U = 1 by definition; " + _needs(dropped)
            elif left_out:
                status, note = NOT_REPRODUCIBLE, _needs(dropped)
            else:
                status = REPRODUCED if abs(value - published) <= DECIMALS3 + 1e-9 else DIFFERS
                note = ""
            card.append(_card("table6", f"{year} {code}", "utility", published, value, status, note))
    return t5, pd.DataFrame(rows), card


def _card(table, row, column, published, reproduced, status, note, compared_with=None):
    target = published if compared_with is None else compared_with
    diff = abs(reproduced - target) if pd.notna(reproduced) else np.nan
    return {
        "table": table,
        "row": row,
        "column": column,
        "published": published,
        "reproduced": reproduced,
        "compared_with": target,
        "abs_diff": diff,
        "status": status,
        "note": note,
    }


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
        & (decisions["source_id"] != ZHANG_SOURCE)
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
                tol = rounding_unit(published) + rounding_unit(value)
                status = REPRODUCED if abs(value - published) <= tol else DIFFERS
                note = (
                    f"{found['source_id']} ({found['qualifier']}, {found['authority']}); "
                    f"agreement judged within the rounding of both figures (±{tol:g})"
                )
            card.append(_card("zhang_table2", str(year), col, published, value, status, note))
        rows.append(row)
    return pd.DataFrame(rows), card

"""The audit of the published tables: identities that must hold among the paper's own numbers.

Every check compares a number computed from some published numbers with another published number, and says
whether the difference is within what the rounding of the published numbers allows (``within_rounding``). A
check that holds by algebra whatever the tables say is not made: e.g. Table 3's benefit subsystems summed
against Table 4's S+ total is the same identity as "S+ sums to the benefit weights".
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from .diagnosis import HALF_UNIT, implied_rest, rounding_draws
from .inputs import InputError, read_csv
from .mcda import q_and_utility, rank_descending
from .papers import PAPERS, paper_indicators

PERCENT2 = 0.005  # half a unit of the second decimal of a percentage
ROUNDING_DRAWS = 4000  # roundings of the published inputs sampled to bound a recomputed number
AUDIT_SEED = 2022
PAPER = "zeng2022_longitudinal"  # whose indicators the audited tables (Zeng et al. Tables 2-6) use


def read_reference(location, **read) -> dict[str, pd.DataFrame]:
    """Every published table of the registry (porteval/papers.yaml), by its name, from their folder or from the
    list of their files (a rule's input; ``read``: options of pandas.read_csv, e.g. ``dtype=str`` to keep the
    printed digits), each checked as raw data are (:func:`check_reference`)."""
    paths = [location] if isinstance(location, str | Path) else list(location)
    folder = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else Path(paths[0]).parent
    tables = {}
    for paper, entry in PAPERS.items():
        for name, table in entry["tables"].items():
            path = Path(folder) / table["published"]
            tables[name] = read_csv(path, **read)
            check_reference(path, tables[name], paper)
    return tables


TEXT_COLUMNS = ("weight_id", "indicator", "subsystem", "code", "port")  # every other column of a published table: numbers


def check_reference(path, table: pd.DataFrame, paper: str) -> None:
    """A published table checked as a raw file is: every number a number, and its names those of the registry (an
    indicator with the paper's subsystem, a subsystem of the paper, a port of the paper with its code Y1, Y2, ... in
    the registry's order). Raises InputError naming the file, line and column."""
    indicators = paper_indicators(paper)
    codes = {f"Y{i}": port for i, port in enumerate(PAPERS[paper].get("ports", []), start=1)}

    def refuse(row: int, column: str, why: str):
        raise InputError(f"{path}, line {row + 2}: column {column!r}: {why}")

    for column in (c for c in table.columns if c not in TEXT_COLUMNS):
        numbers = pd.to_numeric(table[column].astype(str), errors="coerce").to_numpy(dtype=float)
        if not np.isfinite(numbers).all():
            row = int((~np.isfinite(numbers)).argmax())
            refuse(row, column, f"{table[column].iloc[row]!r} is not a number")
    for row, values in enumerate(table.to_dict("records")):
        if "indicator" in values:
            code = values["indicator"]
            if code not in indicators.index:
                refuse(row, "indicator", f"{code!r} is not an indicator of {paper} (porteval/papers.yaml)")
            if "subsystem" in values and values["subsystem"] != indicators.at[code, "subsystem"]:
                refuse(row, "subsystem", f"{code} is in {indicators.at[code, 'subsystem']}, not {values['subsystem']!r}")
        elif "subsystem" in values and values["subsystem"] not in set(indicators["subsystem"]):
            refuse(row, "subsystem", f"{values['subsystem']!r} is not a subsystem of {paper}")
        if "port" in values and codes.get(values.get("code")) != values["port"]:
            refuse(row, "port", f"{values.get('code')!r} {values['port']!r} is not a port of {paper} with its code")


def q_range(s_plus, s_minus, half_unit=HALF_UNIT):
    """Min and max of Q over every rounding of the published S- (corners of the rounding box) and S+."""
    s_minus = np.asarray(s_minus, dtype=float)
    corners = np.array(list(itertools.product((-half_unit, half_unit), repeat=len(s_minus))))
    qs, _ = q_and_utility(np.asarray(s_plus, dtype=float)[None, :], s_minus[None, :] + corners, has_cost=True)
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
            "allowed_low": lo,
            "allowed_high": hi,
            "within_rounding": bool(lo - 1e-12 <= published <= hi + 1e-12),
            "note": note,
        }
    )


def audit_scores_table(rows, table: pd.DataFrame, name: str, key: str):
    """Q from S+ and S-, U from Q, rank from U, for Table 4 or Table 5."""
    s_plus, s_minus = table["benefit_value"].to_numpy(), table["cost_value"].to_numpy()
    q_pub, u_pub = table["evaluation_value"].to_numpy(), table["utility_pct"].to_numpy()
    q_calc, _ = q_and_utility(s_plus, s_minus, has_cost=True)
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
            "every rounding of S+, S-",
        )
    best = q_pub.max()
    for i, label in enumerate(table[key].astype(str)):
        u_calc = 100 * q_pub[i] / best
        lo_u = 100 * (q_pub[i] - HALF_UNIT) / (best + HALF_UNIT) if q_pub[i] != best else 100.0
        hi_u = 100 * (q_pub[i] + HALF_UNIT) / (best - HALF_UNIT) if q_pub[i] != best else 100.0
        _check(rows, "U = 100 Q / max Q", name, label, u_calc, u_pub[i], lo_u - PERCENT2, hi_u + PERCENT2)
    ranks = rank_descending(u_pub)
    for i, label in enumerate(table[key].astype(str)):
        _check(rows, "rank by U", name, label, ranks[i], table["rank"].iloc[i], ranks[i], ranks[i])


def audit(ref: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Identities that must hold among the published tables, each with its residual and allowed range. The
    paper's indicators are its own (porteval/papers.yaml), whatever catalogue a run configures."""
    rows: list[dict] = []
    indicators = paper_indicators(PAPER)
    w = ref["table2_weights"].set_index("indicator")["published_weight"]
    n = len(w)
    _check(rows, "weights sum to 1", "table2", "all", 1.0, w.sum(), 1 - n * HALF_UNIT, 1 + n * HALF_UNIT)
    _audit_twin_weights(rows, w, indicators)
    cost = [c for c in w.index if indicators.at[c, "direction"] == "cost"]
    benefit = [c for c in w.index if c not in cost]
    t4, t5 = ref["table4_overall"], ref["table5_ports"]
    for table, name in ((t4, "table4"), (t5, "table5")):
        m = len(table)
        for label, codes, column in (("S-", cost, "cost_value"), ("S+", benefit, "benefit_value")):
            tol = m * HALF_UNIT + len(codes) * HALF_UNIT
            _check(
                rows,
                f"sum of {label} = sum of {'cost' if label == 'S-' else 'benefit'} weights (Table 2)",
                name,
                "all",
                w[codes].sum(),
                table[column].sum(),
                w[codes].sum() - tol,
                w[codes].sum() + tol,
                "holds if the table was computed with Table 2's weights on one sum-normalised comparison",
            )
    tol = 2 * len(t5) * HALF_UNIT
    total = t5["benefit_value"].sum() + t5["cost_value"].sum()
    _check(
        rows,
        "sum of S+ and S- = 1",
        "table5",
        "all",
        1.0,
        total,
        1 - tol,
        1 + tol,
        "holds if Table 5 comes from one comparison of the four ports (indicators summed over the years, or the 28 "
        "port-years pooled) with weights summing to 1",
    )
    audit_scores_table(rows, t4, "table4", "year")
    audit_scores_table(rows, t5, "table5", "code")
    _audit_table3(rows, ref, indicators)
    _audit_table5_readings(rows, t5, ref["table6_port_years"])
    t6 = ref["table6_port_years"].set_index("year")
    for year, row in t6.iterrows():
        _check(rows, "the best port of a year has U = 1", "table6", str(year), 1.0, row.max(), 1 - HALF_UNIT, 1 + HALF_UNIT)
    return pd.DataFrame(rows)


def _audit_twin_weights(rows, w: pd.Series, indicators: pd.DataFrame):
    """Table 2's weights of X1 (berths) against X4 (productive berths), indicator by indicator in order: were
    the two subsystems one series twice, as X1 = X4 in Table 3 suggests, their weights would be equal too."""
    x1 = [c for c in w.index if indicators.at[c, "subsystem"] == "X1"]
    x4 = [c for c in w.index if indicators.at[c, "subsystem"] == "X4"]
    for a, b in zip(x1, x4, strict=False):
        _check(
            rows,
            "w(X1 indicator) = w(X4 indicator) (one series twice would have one weight)",
            "table2",
            f"{a} = {b}",
            float(w[a]),
            float(w[b]),
            float(w[a]) - 2 * HALF_UNIT,
            float(w[a]) + 2 * HALF_UNIT,
            "within the rounding of both printed weights",
        )


def _audit_table3(rows, ref, indicators: pd.DataFrame):
    """Table 3 against Tables 2 and 4: the implied rest of S+ per year, the X6 row recomputed, X1 against X4."""
    t2, t3, t4 = ref["table2_weights"], ref["table3_subsystems"], ref["table4_overall"]
    years, rest, central, sampled = implied_rest(t2, t3, t4, indicators, ROUNDING_DRAWS, AUDIT_SEED)
    lows, highs = sampled.min(axis=0), sampled.max(axis=0)
    for year, r, lo, hi in zip(years, central, lows, highs, strict=True):
        _check(  # non-negative under some rounding of the published numbers: hi >= 0, i.e. r >= r - hi
            rows,
            "Table 4 S+ minus the benefit-only subsystems (Table 3) is non-negative",
            "table3",
            year,
            0.0,
            r,
            r - hi,
            np.inf,
            f"the rest is w x of {', '.join(rest)}; over {ROUNDING_DRAWS} roundings it ranges {lo:.4f} to {hi:.4f}",
        )
    t3i = t3.set_index("subsystem")
    mixed = sorted({indicators.at[c, "subsystem"] for c in rest})
    cost = [c for c in t2["indicator"] if indicators.at[c, "direction"] == "cost"]
    if len(mixed) == 1 and all(indicators.at[c, "subsystem"] == mixed[0] for c in cost):
        sub = mixed[0]  # every cost indicator is in it, so its S- is Table 4's S-
        s_minus = t4["cost_value"].to_numpy(dtype=float)
        _, u = q_and_utility(central, s_minus, has_cost=True)
        s_minus_draws = rounding_draws(s_minus, ROUNDING_DRAWS, AUDIT_SEED + 3)
        _, u_draws = q_and_utility(sampled, s_minus_draws, has_cost=True)
        u_lo, u_hi = np.nanmin(u_draws, axis=0) - HALF_UNIT, np.nanmax(u_draws, axis=0) + HALF_UNIT
        for i, year in enumerate(years):
            _check(
                rows,
                f"{sub} utility recomputed from Table 4's S- and the implied rest of S+",
                "table3",
                f"{sub} {year}",
                u[i],
                float(t3i.loc[sub, year]),
                u_lo[i],
                u_hi[i],
                f"range over {ROUNDING_DRAWS} roundings of Tables 2-4",
            )
    if {"X1", "X4"} <= set(t3i.index):
        for year in years:
            x1, x4 = float(t3i.loc["X1", year]), float(t3i.loc["X4", year])
            _check(
                rows,
                "X1 = X4 (berths and productive berths: identical utilities would mean one series twice)",
                "table3",
                year,
                x1,
                x4,
                x1 - 2 * HALF_UNIT,
                x1 + 2 * HALF_UNIT,
                "within rounding in a year: the two subsystems' utilities agree to three decimals",
            )


def _audit_table5_readings(rows, t5: pd.DataFrame, t6: pd.DataFrame):
    """Reading (c) of the cross-port study: Table 5 as the per-year results of Table 6 averaged."""
    mean_u = t6.set_index("year")[t5["code"]].mean()
    rescaled = 100 * mean_u / mean_u.max()
    tol = 100 * HALF_UNIT / mean_u.max() * 2 + PERCENT2
    for code, published in zip(t5["code"], t5["utility_pct"], strict=True):
        _check(
            rows,
            "Table 5 U = mean of Table 6 over the years, rescaled to max 100 (reading: per-year results averaged)",
            "table5",
            code,
            rescaled[code],
            published,
            rescaled[code] - tol,
            rescaled[code] + tol,
        )
    ranks = rank_descending(mean_u.to_numpy())
    for code, rank, published in zip(t5["code"], ranks, t5["rank"], strict=True):
        _check(rows, "Table 5 rank = rank of the mean of Table 6", "table5", code, rank, published, rank, rank)

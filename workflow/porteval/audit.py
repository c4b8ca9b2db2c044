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

from .diagnosis import HALF_UNIT
from .inputs import InputError, read_csv
from .mcda import q_and_utility, rank_descending
from .papers import PAPERS, paper_indicators

PERCENT2 = 0.005  # half a unit of the second decimal of a percentage
ROUNDING_DRAWS = 4000  # roundings of the published inputs sampled to bound a recomputed number
AUDIT_SEED = 2022


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


def check(rows, check, table, row, expected, published, lo, hi, note=""):
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
        check(
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
        check(rows, "U = 100 Q / max Q", name, label, u_calc, u_pub[i], lo_u - PERCENT2, hi_u + PERCENT2)
    ranks = rank_descending(u_pub)
    for i, label in enumerate(table[key].astype(str)):
        check(rows, "rank by U", name, label, ranks[i], table["rank"].iloc[i], ranks[i], ranks[i])

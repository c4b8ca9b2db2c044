"""Like for like: the paper's own index restricted to the indicators a test of ours uses.

COPRAS's S+ is a weighted sum of sum-normalised values, so the paper's index splits into additive *parts*, and
the paper's own tables give each part's contribution per year:

- a subsystem of benefit indicators only: S+ of subsystem s in year t is ``W_s u_s,t / sum_k u_s,k`` (its weight
  ``W_s`` from the weights table, ``u`` from the subsystem table: S+ over the years sums to ``W_s``, and U is
  proportional to S+ without cost indicators);
- the benefit indicators of the subsystems that mix both directions: the overall table's S+ minus the
  benefit-only subsystems (with Zeng et al.'s catalogue, C63 alone);
- the cost indicators: the overall table's S- (their S- cannot be split further).

The paper restricted to a set of our indicators is the sum of the parts that hold any of them, scored by the same
formulas (Q from S+ and S-, U = Q / max Q); a part is the finest the tables allow, so a subsystem we hold in part
enters whole, and the restriction says so. Where the registry names no such tables (a ranking of ports whose
table carries no breakdown), no restriction is possible. Every number is drawn within the rounding of its last
printed digit, as the paper's own answer to a claim is (:mod:`porteval.claims`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .mcda import q_and_utility
from .papers import PAPERS, paper_indicators

COST_PART = "cost indicators"


@dataclass(frozen=True)
class Parts:
    """The paper's index in additive parts, over roundings of the printed numbers (draw 0: as printed)."""

    years: list[str]
    members: dict[str, list[str]]  # part -> the paper's indicators in it
    benefit: dict[str, bool]  # part -> whether it adds to S+ (else to S-)
    contributions: dict[str, np.ndarray]  # part -> (draws, years)
    subsystem_utility: dict[str, np.ndarray]  # subsystem -> (draws, years), the subsystem table as printed
    subsystem_of: dict[str, str]  # indicator -> subsystem


def half_units(texts) -> np.ndarray:
    """Half a unit of the last printed digit of each number as printed ("0.084" -> 0.0005); 0 for a printed "1",
    a utility degree that is 1 by definition."""
    return np.array([0.0 if t.strip() == "1" else 0.5 * 10 ** -len(t.split(".")[1]) if "." in t else 0.5 for t in texts])


def drawn(texts, draws: int, rng: np.random.Generator) -> np.ndarray:
    """(draws, *shape) copies of printed numbers, each moved uniformly within its half unit; draw 0 as printed."""
    texts = np.asarray(texts, dtype=str)
    values = texts.astype(float)
    half = half_units(texts.ravel()).reshape(texts.shape)
    out = values + rng.uniform(-1, 1, size=(draws, *values.shape)) * half
    out[0] = values
    return out


def paper_parts(paper: str, reference: dict[str, pd.DataFrame], draws: int, seed: int) -> Parts | None:
    """The paper's parts from the tables its registry entry names under ``restriction`` (weights, subsystems,
    overall), read as text (``reference``); None where it names none."""
    spec = PAPERS[paper].get("restriction")
    if not spec:
        return None
    indicators = paper_indicators(paper)
    rng = np.random.default_rng(seed)
    t2 = reference[spec["weights"]].set_index("indicator")
    t3 = reference[spec["subsystems"]].set_index("subsystem")
    t4 = reference[spec["overall"]]
    years = [str(y) for y in t4["year"]]
    weights = pd.DataFrame(drawn(t2["published_weight"], draws, rng).T, index=t2.index)  # indicators x draws
    utility = drawn(t3[years].to_numpy(), draws, rng)  # draws x subsystems x years
    s_plus = drawn(t4["benefit_value"].to_numpy(), draws, rng)
    s_minus = drawn(t4["cost_value"].to_numpy(), draws, rng)
    sub_of = indicators["subsystem"]
    cost = indicators["direction"] == "cost"
    mixed = sorted(set(sub_of[cost]))
    members, benefit, contributions = {}, {}, {}
    for i, sub in enumerate(t3.index):
        codes = list(indicators.index[sub_of == sub])
        if sub in mixed:
            continue
        total = weights.loc[codes].sum().to_numpy()  # draws
        members[sub], benefit[sub] = codes, True
        contributions[sub] = total[:, None] * utility[:, i] / utility[:, i].sum(axis=-1, keepdims=True)
    rest = list(indicators.index[sub_of.isin(mixed) & ~cost])
    if rest:
        name = f"{' '.join(mixed)} benefit ({' '.join(rest)})"
        members[name], benefit[name] = rest, True
        contributions[name] = s_plus - sum(contributions[s] for s in list(contributions))
    members[COST_PART], benefit[COST_PART] = list(indicators.index[cost]), False
    contributions[COST_PART] = s_minus
    return Parts(
        years,
        members,
        benefit,
        contributions,
        {sub: utility[:, i] for i, sub in enumerate(t3.index)},
        sub_of.to_dict(),
    )


def touched(parts: Parts, used) -> list[str]:
    """The parts that hold any of the indicators ``used``."""
    return [p for p, codes in parts.members.items() if set(codes) & set(used)]


def describe(parts: Parts, used) -> str:
    """The restriction in words: each part used, and the indicators it holds that ``used`` lacks."""
    out = []
    for p in touched(parts, used):
        extra = sorted(set(parts.members[p]) - set(used))
        out.append(f"{p} (whole: it also holds {' '.join(extra)}, which the tables cannot take out)" if extra else p)
    return "; ".join(out)


def restricted_values(parts: Parts, used, window: str) -> dict:
    """The paper's numbers restricted to the indicators ``used``, as claim values ({(window, scope, measure):
    (years, draws x years)}): "overall" from the parts touched, and each subsystem the claims can read: a
    benefit-only subsystem as the paper prints it; a mixed subsystem from its benefit part alone where ``used``
    holds none of its cost indicators, else as printed."""
    used = set(used)
    parts_used = touched(parts, used)
    s_plus = sum((parts.contributions[p] for p in parts_used if parts.benefit[p]), np.zeros((1, len(parts.years))))
    has_cost = COST_PART in parts_used
    s_minus = parts.contributions[COST_PART] if has_cost else np.zeros_like(s_plus)
    s_plus, s_minus = np.broadcast_arrays(s_plus, s_minus)
    q, u = q_and_utility(s_plus, s_minus, has_cost)
    out = {}
    for measure, arr in (("benefit", s_plus), ("cost", s_minus), ("q", q), ("utility", u)):
        out[(window, "overall", measure)] = (parts.years, arr)
    for sub, printed in parts.subsystem_utility.items():
        codes = {c for c, s in parts.subsystem_of.items() if s == sub}
        if not codes & used:
            continue
        benefit_part = next((p for p in parts_used if parts.benefit[p] and set(parts.members[p]) < codes), None)
        own_cost = codes & set(parts.members[COST_PART])
        if benefit_part and not own_cost & used:
            c = parts.contributions[benefit_part]
            out[(window, sub, "utility")] = (parts.years, c / c.max(axis=-1, keepdims=True))
        else:
            out[(window, sub, "utility")] = (parts.years, printed)
    return out


def implied_series(parts: Parts) -> dict[str, np.ndarray]:
    """The series the paper's tables imply, up to scale, for each indicator alone in its part (with Zeng et
    al.'s catalogue, C63): its contribution per year is its weight times its share of the years' total, so the
    contributions over the roundings (draws, years) are the series' shape."""
    return {codes[0]: parts.contributions[p] for p, codes in parts.members.items() if len(codes) == 1}

"""The papers' stated conclusions as testable claims, each answered three ways.

A claim (``claims:`` of a paper in ``porteval/papers.yaml``) names its section, its words, how we read them
(``reading``) and a test on a block of numbers: rows (subsystems or "overall", or ports) by points (the years of
the window, or the ports), of one measure (utility, benefit S+, cost S-). The same test answers

(a) **the paper's own tables**: the probability that the claim holds over every rounding of the printed numbers
    (each moved uniformly within half a unit of its last printed digit), 4,000 draws: 1 means the tables
    support it whatever the rounding, 0 that they contradict it;
(b) **our data**: whether it holds on this run's scores, or which indicators it needs that our study lacks;
(c) **robustness**: the share of draws or cases in which it holds on our data under each analysis
    (:mod:`porteval.claim_draws`).

A test is vectorised over draws: it takes an array (draws, rows, points) and gives, per draw, 1.0 (holds),
0.0 (fails) or NaN (cannot be judged: a point it names is absent, as when an alternative is left out).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .claim_kinds import CLAIM, CLAIM_KINDS, ROW
from .papers import PAPERS, paper_indicators

MEASURES = ("benefit", "cost", "q", "utility")
ROUNDING_DRAWS = 4000  # roundings of the published tables sampled for answer (a)
ROUNDING_SEED = 2022
SUPPORTED, CONTRADICTED, ROUNDING = "supported", "contradicted", "undecided by rounding"
CANNOT_RESTRICT = "cannot restrict"
HOLDS, FAILS, NEEDS = "holds", "fails", "not reproducible"
# What our answer does to the paper's conclusion (README, docs/reproduction.md). Only REVERSED is a reversal: our
# data disagree with the paper's own tables restricted to the indicators our test uses.
SAME = "same conclusion"
REVERSED = "reversed on the same indicators"
EXPLAINED = "explained by missing indicators"
PART = "differs on part of the index"
CANNOT_TELL = "cannot tell"
DECISIONS = (SAME, REVERSED, EXPLAINED, PART, CANNOT_TELL)


class NotAvailable(LookupError):
    """A claim needs numbers this source does not have (named in the message)."""


def paper_claims(paper: str) -> list[dict]:
    """The paper's claims, one per reading: a claim whose words allow more than one reading lists them under
    ``readings`` (each with its ``key``, ``reading`` and ``test``, and optionally ``rows``); each becomes a claim of
    its own with the id ``<claim>/<key>``. ``claim`` names the claim a reading belongs to."""
    out = []
    for claim in PAPERS[paper].get("claims", []):
        if "readings" not in claim:
            out.append({**claim, "claim": claim["id"]})
            continue
        base = {k: v for k, v in claim.items() if k != "readings"}
        out += [{**base, **r, "id": f"{claim['id']}/{r['key']}", "claim": claim["id"]} for r in claim["readings"]]
    return out


def row_results(test: dict, arr: np.ndarray, points: list[str]) -> np.ndarray:
    """Per draw and row, whether the row passes a row-wise test: (draws, rows) of 1.0, 0.0 or NaN."""
    if test["kind"] not in CLAIM_KINDS or CLAIM_KINDS[test["kind"]].scope != ROW:
        raise ValueError(f"unknown claim test {test['kind']!r}")
    return CLAIM_KINDS[test["kind"]].function(arr, None, points, test)


def claim_result(claim: dict, arr: np.ndarray, rows: list[str], points: list[str]) -> np.ndarray:
    """Per draw, whether the claim holds (1.0), fails (0.0) or cannot be judged (NaN) on ``arr`` (draws, rows, points).
    A draw with a number that is not defined (a subsystem whose every indicator is left out has no utility) cannot
    be judged: the claim is undefined there, not false."""
    undefined = ~np.isfinite(arr).all(axis=(1, 2))
    return np.where(undefined, np.nan, _claim_result(claim, arr, rows, points))


def _claim_result(claim: dict, arr: np.ndarray, rows: list[str], points: list[str]) -> np.ndarray:
    test = claim["test"]
    if test["kind"] not in CLAIM_KINDS:
        raise ValueError(f"unknown claim test {test['kind']!r}")
    kind = CLAIM_KINDS[test["kind"]]
    if kind.scope == CLAIM:
        return kind.function(arr, rows, points, test)
    per_row = kind.function(arr, rows, points, test)
    expect = np.array([bool(claim.get("expect", {}).get(r, True)) for r in rows])
    met = np.where(np.isnan(per_row), np.nan, (per_row == 1) == expect[None, :])
    out = np.where(np.isnan(met).any(axis=1), np.nan, np.all(met == 1, axis=1))
    return out.astype(float)


def applies_without_points(claim: dict) -> bool:
    """Whether the claim still means the same when some of its points are absent (an alternative left out)."""
    return CLAIM_KINDS[claim["test"]["kind"]].without_points


# ------------------------------------------------------------------------------ numbers in claim shape
def claim_array(claim: dict, values: dict, window: str, years: list[str], partial_rows: bool = False):
    """The claim's block of numbers from ``values`` ({(comparison, scope, measure): (alternatives, draws x m)}):
    (array (draws, rows, points), rows, points). Rows are scopes of the window (points: its alternatives) or,
    with ``along: years``, alternatives (points: the years, each its own comparison). A row that is not there
    raises :class:`NotAvailable`, or, with ``partial_rows``, is left out (an alternative left out of the study).
    """
    measure = claim.get("measure", "utility")
    rows, blocks = [], []
    if claim.get("along", "alternatives") == "alternatives":
        points = None
        for scope in claim["rows"]:
            if (window, scope, measure) not in values:
                raise NotAvailable(f"{scope} {measure}")
            alts, arr = values[(window, scope, measure)]
            points = points or list(alts)
            rows.append(scope)
            blocks.append(arr[:, [list(alts).index(p) for p in points]])
    else:
        points = [y for y in years if (y, "overall", measure) in values]
        if len(points) < len(years):
            raise NotAvailable(f"overall {measure} of every year")
        for alt in claim["rows"]:
            cols = []
            for y in points:
                alts, arr = values[(y, "overall", measure)]
                if alt not in alts:
                    break
                cols.append(arr[:, list(alts).index(alt)])
            if len(cols) < len(points):
                if partial_rows:
                    continue
                raise NotAvailable(f"{alt}")
            rows.append(alt)
            blocks.append(np.stack(cols, axis=-1))
    return np.stack(blocks, axis=1), rows, points


def holds(claim: dict, values: dict, window: str, years: list[str], partial_rows: bool = False) -> np.ndarray:
    """Per draw of ``values``, whether the claim holds (NaN where it cannot be judged)."""
    try:
        arr, rows, points = claim_array(claim, values, window, years, partial_rows)
    except NotAvailable:
        return np.full(next(iter(values.values()))[1].shape[0], np.nan)
    return claim_result(claim, arr, rows, points)


def values_from_long(long: pd.DataFrame) -> dict:
    """{(comparison, scope, measure): (alternatives, draws x m)} from a long table with a column per draw
    (comparison, scope, alternative, measure, then the draws)."""
    draws = [c for c in long.columns if c not in ("comparison", "scope", "alternative", "measure")]
    out = {}
    for key, part in long.groupby(["comparison", "scope", "measure"], sort=False):
        out[key] = (list(part["alternative"]), part[draws].to_numpy(dtype=float).T)
    return out


def scores_values(scores: pd.DataFrame) -> dict:
    """Our scores (scores.csv) as claim values with one draw."""
    long = scores.melt(
        id_vars=["comparison", "scope", "alternative"], value_vars=list(MEASURES), var_name="measure", value_name="v"
    ).dropna(subset=["v"])
    return values_from_long(long[["comparison", "scope", "alternative", "measure", "v"]])


# ------------------------------------------------------------------------------------ the published side
def half_unit(text: str) -> float:
    """Half a unit of the last printed digit of a number as printed (trailing zeros count: "0.910" -> 0.0005)."""
    return 0.5 * 10 ** -len(text.split(".")[1]) if "." in text else 0.5


def published_values(long: pd.DataFrame, draws: int = ROUNDING_DRAWS, seed: int = ROUNDING_SEED) -> dict:
    """The printed numbers and ``draws`` roundings of them (each within its half unit), as claim values; draw 0
    is the numbers as printed."""
    rng = np.random.default_rng(seed)
    moved = long["value"].to_numpy()[:, None] + rng.uniform(-1, 1, (len(long), draws)) * long["half"].to_numpy()[:, None]
    moved[:, 0] = long["value"].to_numpy()
    table = pd.concat([long[["comparison", "scope", "alternative", "measure"]], pd.DataFrame(moved, index=long.index)], axis=1)
    return values_from_long(table)


# ------------------------------------------------------------------------------------------- the answers
def wanted(claim: dict, paper: str) -> set[str]:
    """The paper's indicators a claim rests on: every indicator of a subsystem row (all, for "overall"), only the
    cost ones for S-."""
    indicators = paper_indicators(paper)
    out = set()
    scopes = claim["rows"] if claim.get("along", "alternatives") == "alternatives" else ["overall"]
    for scope in scopes:
        part = indicators if scope == "overall" else indicators[indicators["subsystem"] == scope]
        if claim.get("measure") == "cost":
            part = part[part["direction"] == "cost"]
        out |= set(part.index)
    return out


def paper_weights(paper: str, reference: dict[str, pd.DataFrame]) -> pd.Series:
    """The paper's published weights by indicator (the table its registry entry names as ``weights``, from the
    published tables ``reference``), empty where it names none."""
    name = PAPERS[paper].get("weights")
    if not name:
        return pd.Series(dtype=float)
    table = reference[name]
    return table.set_index("indicator")["published_weight"].astype(float)


def claims_by_cell(catalogue) -> pd.DataFrame:
    """The papers' claims that rest on each (entity, indicator, year) cell, from the registry: a claim rests on the
    cells of its indicators (:func:`wanted`) for the paper's ports (the port's or its city's, by the catalogue) over
    the paper's window. Columns: entity, indicator, year, claims (their ids, space-separated); indicators or ports
    the catalogue does not hold are left out."""
    rows = []
    for paper, entry in PAPERS.items():
        first, last = entry.get("window", (0, -1))
        ports = [p for p in entry.get("ports", []) if p in catalogue.ports]
        for claim in paper_claims(paper):
            for code in sorted(wanted(claim, paper) & set(catalogue.indicators.index)):
                rows += [
                    (catalogue.source_entity(port, code), code, year, claim["claim"])
                    for port in ports
                    for year in range(first, last + 1)
                ]
    table = pd.DataFrame(rows, columns=["entity", "indicator", "year", "claim"]).drop_duplicates()
    grouped = table.groupby(["entity", "indicator", "year"])["claim"].agg(lambda c: " ".join(sorted(c)))
    return grouped.rename("claims").reset_index()


def numbers(claim: dict, values: dict, window: str, years: list[str]) -> str:
    """The numbers a claim reads, in words: the order of the points (one row), or each row's values (utility
    degrees in percent), from the first draw of ``values``; empty where they are not there."""
    try:
        arr, rows, points = claim_array(claim, values, window, years)
    except NotAvailable:
        return ""
    first = arr[0]
    if len(rows) == 1 and claim["test"]["kind"] in ("pairs", "order"):
        return " > ".join(points[i] for i in np.argsort(-first[0], kind="stable"))
    if claim.get("measure", "utility") == "utility":  # in percent, as the report's tables give utility degrees
        return "; ".join(f"{r}: " + " ".join(f"{100 * v:.1f}" for v in row) for r, row in zip(rows, first, strict=True))
    return "; ".join(f"{r}: " + " ".join(f"{v:.3f}" for v in row) for r, row in zip(rows, first, strict=True))


def paper_answer(p: float) -> str:
    return SUPPORTED if p == 1 else CONTRADICTED if p == 0 else ROUNDING


def ours_answer(claim, ours: dict, window: str, years: list[str], paper: str, codes: list[str]) -> dict:
    """Answer (b): holds / fails on our scores, or not reproducible with the scopes and indicators it lacks;
    ``partial`` lists the paper's indicators missing from the rows we could compute."""
    lacking = sorted(wanted(claim, paper) - set(codes))
    if not wanted(claim, paper) & set(codes):
        return {"ours": NEEDS, "ours_note": f"needs {' '.join(lacking)}, none of which our study has", "ours_numbers": ""}
    try:
        arr, rows, points = claim_array(claim, ours, window, years)
    except NotAvailable as err:
        return {"ours": NEEDS, "ours_note": f"needs {err} (missing indicators: {' '.join(lacking)})", "ours_numbers": ""}
    result = claim_result(claim, arr, rows, points)[0]
    answer = NEEDS if np.isnan(result) else HOLDS if result == 1 else FAILS
    note = f"on part of the paper's indicators (missing: {' '.join(lacking)})" if lacking else "on all its indicators"
    return {"ours": answer, "ours_note": note, "ours_numbers": numbers(claim, ours, window, years)}


def decision(paper: str, ours: str, restricted: str) -> str:
    """Whether our answer changes the paper's conclusion, like for like (the statcheck idea of a *decision*
    difference, on the same indicators): ``paper`` and ``restricted`` are the paper's own answers on its whole
    index and restricted to the indicators our test uses (supported, contradicted, undecided by rounding or, for
    the restriction, cannot restrict); ``ours`` is holds, fails or not reproducible."""
    if ours == NEEDS or paper == ROUNDING:
        return CANNOT_TELL
    if (paper == SUPPORTED) == (ours == HOLDS):
        return SAME
    if restricted == CANNOT_RESTRICT:
        return PART
    if restricted == ROUNDING:
        return CANNOT_TELL
    return EXPLAINED if (restricted == SUPPORTED) == (ours == HOLDS) else REVERSED

"""The kinds of test a claim can make (``test: {kind: ..., <parameters>}`` of a claim in porteval/papers.yaml), one
table: each kind's function, the parameters it takes (the registry is checked against them when it is read,
porteval.papers), what it asks, and a block of numbers on which it holds and one on which it fails
(tests/test_claims.py runs both for every kind; docs/reproduction.md lists the kinds as this table gives them).

A *row* test is asked of every row of the claim's block (each row must pass, unless the claim's ``expect`` says a
row must fail), a *claim* test compares the rows with each other. Each function takes the block (draws, rows,
points), the row names, the point names and the test's parameters, and gives per draw and row (row tests) or per
draw (claim tests) 1.0, 0.0 or NaN (a point it names is absent).

It imports nothing of the package, so that the registry's check (porteval.papers) can read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

ROW, CLAIM = "row", "claim"


@dataclass(frozen=True)
class Parameter:
    """One parameter of a kind: the JSON schema of its value, what it is in a few words, whether a test must give it."""

    schema: dict
    text: str
    required: bool = True


@dataclass(frozen=True)
class ClaimKind:
    scope: str  # ROW or CLAIM
    function: Callable
    asks: str  # holds when ... (docs/reproduction.md)
    parameters: dict[str, Parameter]
    # An example: the test's parameters, and a block ({row: numbers at the points 2014, 2015, ...}) on which it holds
    # and one on which it fails.
    example: dict
    holds_on: dict[str, list[float]]
    fails_on: dict[str, list[float]]
    # Whether it still means the same when a point (an alternative) is left out: an order among the points left.
    without_points: bool = False
    # Whether it compares a degree of utility with a level, which reads COPRAS's scale (porteval.claim_draws).
    level: bool = False


def _index(points, name) -> int | None:
    return points.index(name) if name in points else None


def _none(arr):
    return np.full(arr.shape[:2], np.nan)


def _increasing(arr, rows, points, test):
    start = _index(points, test["from"]) if "from" in test else 0
    if start is None:
        return _none(arr)
    return (np.diff(arr[..., start:], axis=-1) > 0).all(axis=-1).astype(float)


def _pairs(test, points):
    if test["kind"] == "order":  # an order among the points present (one left out: its neighbours compared)
        present = [p for p in test["order"] if p in points]
        pairs = list(zip(present[:-1], present[1:], strict=True))
    else:
        pairs = test["pairs"]
    return [(points.index(a), points.index(b)) for a, b in pairs if a in points and b in points]


def _ordered(arr, rows, points, test):
    pairs = _pairs(test, points)
    if not pairs:
        return _none(arr)
    a, b = np.array(pairs).T
    return (arr[..., a] > arr[..., b]).all(axis=-1).astype(float)


def _mean_above(arr, rows, points, test):
    return (arr.mean(axis=-1) > test["level"]).astype(float)


def _mean_below(arr, rows, points, test):
    return (arr.mean(axis=-1) < test["level"]).astype(float)


def _pattern(arr, rows, points, test):
    signs = np.array([1 if s == "+" else -1 for s in test["signs"]])
    if arr.shape[-1] != signs.size + 1:
        return _none(arr)
    return (np.sign(np.diff(arr, axis=-1)) == signs).all(axis=-1).astype(float)


def _faster_after(arr, rows, points, test):
    i, start = _index(points, test["point"]), _index(points, test.get("from", points[0]))
    if i is None or start is None or not start < i < len(points) - 1:
        return _none(arr)
    before = (arr[..., i] - arr[..., start]) / (i - start)
    after = (arr[..., -1] - arr[..., i]) / (len(points) - 1 - i)
    return (after > before).astype(float)


def _row_of(rows, test):
    return rows.index(test["row"]) if test["row"] in rows else None


def _beats_the_others(score, rows, test):
    """Whether the named row's score is above every other row's (per draw)."""
    i = _row_of(rows, test)
    if i is None:
        return np.full(score.shape[0], np.nan)
    return (score[:, i] > np.delete(score, i, axis=1).max(axis=1)).astype(float)


def _grows_most(arr, rows, points, test):
    with np.errstate(divide="ignore", invalid="ignore"):
        return _beats_the_others(arr[..., -1] / arr[..., 0], rows, test)


def _lowest_mean(arr, rows, points, test):
    return _beats_the_others(-arr.mean(axis=-1), rows, test)


def _lowest_at(arr, rows, points, test):
    at = _index(points, test["point"])
    return _beats_the_others(-arr[..., at], rows, test) if at is not None else np.full(arr.shape[0], np.nan)


def _only_below_start(arr, rows, points, test):
    i = _row_of(rows, test)
    if i is None:
        return np.full(arr.shape[0], np.nan)
    below = arr[..., -1] < arr[..., 0]  # draws x rows
    return (below[:, i] & ~np.delete(below, i, axis=1).any(axis=1)).astype(float)


def _widest_range(arr, rows, points, test):
    spread = arr.max(axis=-1) - arr.min(axis=-1)
    named = [rows.index(r) for r in test["rows"] if r in rows]
    if len(named) < len(test["rows"]):
        return np.full(arr.shape[0], np.nan)
    others = np.delete(spread, named, axis=1)
    return (spread[:, named].min(axis=1) > others.max(axis=1)).astype(float)


# The values of parameters, as JSON schemas. A point is a name as the table prints it ("2016", a port): a year
# written as a number would never be found among the points and leave the claim undefined, so it is refused.
_POINT = {"type": "string", "minLength": 1}
_NAME = {"type": "string", "minLength": 1}
_PAIR = {"type": "array", "items": _POINT, "minItems": 2, "maxItems": 2}
POINT = Parameter(_POINT, "a point")
FROM = Parameter(_POINT, "the point it starts from (default: the first)", required=False)
LEVEL = Parameter({"type": "number"}, "a degree of utility, as a fraction of 1")
ROW_NAME = Parameter(_NAME, "a row")

CLAIM_KINDS: dict[str, ClaimKind] = {
    "increasing": ClaimKind(
        ROW, _increasing, "the row rises at every step (from the point on)", {"from": FROM},
        {}, {"X1": [1, 2, 3]}, {"X1": [1, 3, 3]}, without_points=True,
    ),
    "pairs": ClaimKind(
        ROW, _ordered, "a is above b for every pair",
        {"pairs": Parameter({"type": "array", "minItems": 1, "items": _PAIR}, "pairs of points, [[a, b], ...]")},
        {"pairs": [["2014", "2016"]]}, {"X1": [3, 1, 2]}, {"X1": [2, 1, 3]}, without_points=True,
    ),
    "order": ClaimKind(
        ROW, _ordered, "the points stand in this order (those present)",
        {"order": Parameter({"type": "array", "minItems": 2, "items": _POINT}, "points, first to last")},
        {"order": ["2015", "2014", "2016"]}, {"X1": [2, 3, 1]}, {"X1": [3, 2, 1]}, without_points=True,
    ),
    "mean_above": ClaimKind(
        ROW, _mean_above, "its mean is above the level", {"level": LEVEL},
        {"level": 0.8}, {"X1": [0.7, 0.95]}, {"X1": [0.7, 0.85]}, level=True,
    ),
    "mean_below": ClaimKind(
        ROW, _mean_below, "its mean is below the level", {"level": LEVEL},
        {"level": 0.8}, {"X1": [0.7, 0.85]}, {"X1": [0.7, 0.95]}, level=True,
    ),
    "pattern": ClaimKind(
        ROW, _pattern, "it rises (+) and falls (-) step by step as given",
        {"signs": Parameter({"type": "string", "pattern": "^[+-]+$"}, "a + or - per step")},
        {"signs": "-+"}, {"X1": [2, 1, 3]}, {"X1": [2, 3, 4]},
    ),
    "faster_after": ClaimKind(
        ROW, _faster_after,
        "its mean yearly rise after the point is larger than before it (from the start, or from the given point)",
        {"point": POINT, "from": FROM},
        {"point": "2015"}, {"X1": [1, 2, 4]}, {"X1": [1, 3, 4]},
    ),
    "grows_most": ClaimKind(
        CLAIM, _grows_most, "the row has the largest last/first ratio of all rows", {"row": ROW_NAME},
        {"row": "X2"}, {"X1": [1, 2], "X2": [1, 3]}, {"X1": [1, 3], "X2": [1, 2]},
    ),
    "lowest_mean": ClaimKind(
        CLAIM, _lowest_mean, "the row has the lowest mean of all rows", {"row": ROW_NAME},
        {"row": "X2"}, {"X1": [2, 2], "X2": [1, 2]}, {"X1": [1, 2], "X2": [2, 2]},
    ),
    "lowest_at": ClaimKind(
        CLAIM, _lowest_at, "the row is the lowest of all rows at the point", {"row": ROW_NAME, "point": POINT},
        {"row": "X2", "point": "2015"}, {"X1": [1, 2], "X2": [3, 1]}, {"X1": [3, 1], "X2": [1, 2]},
    ),
    "only_below_start": ClaimKind(
        CLAIM, _only_below_start, "the row ends below its first value and no other row does", {"row": ROW_NAME},
        {"row": "X2"}, {"X1": [1, 2], "X2": [3, 1]}, {"X1": [2, 1], "X2": [3, 1]},
    ),
    "widest_range": ClaimKind(
        CLAIM, _widest_range, "each named row has a wider range (max - min) than every other row",
        {"rows": Parameter({"type": "array", "minItems": 1, "items": _NAME}, "rows")},
        {"rows": ["X2", "X3"]}, {"X1": [1, 1.1], "X2": [1, 3], "X3": [3, 1]}, {"X1": [1, 4], "X2": [1, 3], "X3": [3, 1]},
    ),
}  # fmt: skip

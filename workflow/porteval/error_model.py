"""The error model of the data draws, measured on the curated dossier (docs/robustness.md): each cell's class
(observed; interpolated or extrapolated, by its distance from the nearest observation), the signed relative errors
of each class, per indicator and pooled, and the pool each cell draws from. Apart from porteval.robustness, whose
analyses use it: the error_calibration job reads this module only, and is not re-run when an analysis changes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .impute import EXTRAPOLATED, INTERPOLATED, fill_series

MIN_CASES = 20  # fewer calibration residuals in a pool: its cells move uniformly within the configured error


LEVEL_BREAK = "level break"


POOLED = "all"  # the indicator of a class's pool over every indicator


def cell_class(status: str, distance: int) -> str:
    """The calibration class of a cell: observed, or interpolated / extrapolated with its distance in years from
    the nearest observation of its series (interpolation: 1, 2, 3 or more)."""
    if status == "observed":
        return "observed"
    return f"{status} {min(int(distance), 3) if status == 'interpolated' else int(distance)}"


def anchors(year: int, observed: np.ndarray) -> tuple[int, int]:
    """The two observations a filled cell is drawn from: those around it inside its series' span, the two nearest
    at the end it lies beyond otherwise (linear interpolation and extrapolation; the other methods' fills lean on
    the same two most)."""
    if year < observed[0]:
        return tuple(observed[:2]) if observed.size > 1 else (observed[0], observed[0])
    if year > observed[-1]:
        return tuple(observed[-2:]) if observed.size > 1 else (observed[-1], observed[-1])
    i = int(np.searchsorted(observed, year))
    return int(observed[i - 1]), int(observed[i])


def calibration_pools(classes, indicators, residuals: pd.DataFrame | None) -> list[tuple[str, str] | None]:
    """Per cell (its class and indicator), the calibration pool its error is drawn from: (class, indicator) where
    that indicator has at least MIN_CASES residuals of the class, else (class, POOLED) where the class has, else
    None (uncalibrated)."""
    if residuals is None:
        return [None] * len(classes)
    counts = residuals.groupby(["class", "indicator"]).size()
    pooled = residuals.groupby("class").size()
    return [
        (c, code) if counts.get((c, code), 0) >= MIN_CASES else (c, POOLED) if pooled.get(c, 0) >= MIN_CASES else None
        for c, code in zip(classes, indicators, strict=True)
    ]


def pool_residuals(residuals: pd.DataFrame, pool: tuple[str, str]) -> pd.Series:
    """The residuals of one calibration pool (class, indicator or POOLED)."""
    part = residuals[residuals["class"] == pool[0]]
    return (part if pool[1] == POOLED else part[part["indicator"] == pool[1]])["residual"]


def calibration_residuals(decisions: pd.DataFrame | None) -> pd.DataFrame:
    """Signed relative errors (filled / true - 1) by class, measured on the curated dossier (every sourced value
    with the precedence rule's decision, ``data/curation/decisions.csv``): the model of the data draws
    (docs/robustness.md). Measured on the dossier, not on ``data/raw``, so that a researcher's own rows re-run
    only their own studies; without a dossier there are no residuals and every cell moves within its configured
    error.

    ``observed``: every other usable (exact or derived) value for a cell against the kept one, with both signs
    (which of two sources is right is unknown); ``interpolated d`` / ``extrapolated d``: every kept usable value
    filled back (linear) from the rest of its series with the values closer than d years left out, so that the
    nearest one is d years away (interpolation d = 1, 2, 3; extrapolation 1, 2). Rows: class, indicator, residual
    (r = filled / true - 1; :func:`draw_factors` turns it into the truth, filled / (1 + r)).
    """

    if decisions is None:
        return pd.DataFrame(columns=["class", "indicator", "residual"])
    usable = decisions[
        decisions["qualifier"].isin(["exact", "derived"]) & decisions["reason"].str.match(r"^(?!year outside|another)")
    ]
    kept = usable[usable["decision"] == "kept"]
    kept_value = kept.set_index(["entity", "indicator", "year"])["value"]
    others = (
        usable[usable["decision"] == "rejected"]
        .join(kept_value.rename("kept"), on=["entity", "indicator", "year"])
        .dropna(subset=["kept"])
    )
    diff = (others["value"] / others["kept"] - 1).to_numpy(dtype=float)
    codes = others["indicator"].to_numpy(dtype=str)
    rows = [("observed", c, r) for c, r in zip(np.concatenate([codes, codes]), np.concatenate([diff, -diff]), strict=True)]
    for (_, code), series in kept.drop_duplicates(["entity", "indicator", "year"]).groupby(["entity", "indicator"]):
        series = series.sort_values("year")
        years, values = series["year"].to_numpy(), series["value"].to_numpy(dtype=float)
        for k in range(len(years)):
            for d in (1, 2, 3):
                rest = np.abs(years - years[k]) >= d
                if rest.sum() < 2 or np.abs(years[rest] - years[k]).min() != d:
                    continue
                value, status = fill_series([years[k]], years[rest], values[rest])
                if status[0] == INTERPOLATED or (status[0] == EXTRAPOLATED and d <= 2):
                    rows.append((cell_class(status[0], d), code, value[0] / values[k] - 1))
    return pd.DataFrame(rows, columns=["class", "indicator", "residual"])


def error_calibration(residuals: pd.DataFrame) -> pd.DataFrame:
    """Per class, over every indicator (indicator ``all``) and per indicator: how many residuals, the median,
    75th, 90th and 95th percentile of their absolute size, and whether the data draws use the pool (at least
    MIN_CASES residuals; a cell draws from its indicator's pool where that is used, else from its class's)."""
    rows = []
    for keys, part in [
        *(((cls, POOLED), p) for cls, p in residuals.groupby("class", sort=True)),
        *residuals.groupby(["class", "indicator"], sort=True),
    ]:
        q = np.quantile(part["residual"].abs(), [0.5, 0.75, 0.9, 0.95])
        rows.append(
            {"class": keys[0], "indicator": keys[1], "cases": len(part), "median": q[0], "p75": q[1], "p90": q[2], "p95": q[3]}
            | {"used": len(part) >= MIN_CASES}
        )
    return pd.DataFrame(rows, columns=["class", "indicator", "cases", "median", "p75", "p90", "p95", "used"])

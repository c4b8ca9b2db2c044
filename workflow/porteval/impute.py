"""Missing-value filling inside each (entity, indicator) series, with a flag on every filled cell.

The paper fills "a small number of missing data" by interpolation and extrapolation (docs/method.md,
step 1). The default, ``linear``, interpolates linearly between observed years and extrapolates
linearly from the two nearest observed points at either end. ``nearest`` copies the nearest
observed year; ``pchip`` is a shape-preserving cubic (it extrapolates with its end polynomials).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

METHODS = ("linear", "nearest", "pchip")
OBSERVED, INTERPOLATED, EXTRAPOLATED, MISSING = "observed", "interpolated", "extrapolated", "missing"


class InsufficientData(ValueError):
    """Too few observed values to fill a series."""


def fill_series(years, known_years, known_values, method: str = "linear", min_observed: int = 2):
    """Fill a series on ``years`` from its observed points.

    Returns (values, status) over ``years``; status is observed, interpolated or extrapolated.
    Observed points outside ``years`` still anchor the fill. Raises InsufficientData with fewer
    than ``min_observed`` points (and always with fewer than 2 for linear and pchip), and
    ValueError when a filled value would be negative (the statistics here are non-negative).
    """
    if method not in METHODS:
        raise ValueError(f"unknown imputation method {method!r} (one of {', '.join(METHODS)})")
    years = np.asarray(years, dtype=float)
    order = np.argsort(known_years)
    kx = np.asarray(known_years, dtype=float)[order]
    ky = np.asarray(known_values, dtype=float)[order]
    needed = max(min_observed, 1 if method == "nearest" else 2)
    if kx.size < needed:
        raise InsufficientData(f"{kx.size} observed value(s), {needed} needed to impute by {method}")
    observed = np.isin(years, kx)
    inside = (years >= kx[0]) & (years <= kx[-1])
    if method == "linear":
        values = np.interp(years, kx, ky)
        below, above = years < kx[0], years > kx[-1]
        values[below] = ky[0] + (years[below] - kx[0]) * (ky[1] - ky[0]) / (kx[1] - kx[0])
        values[above] = ky[-1] + (years[above] - kx[-1]) * (ky[-1] - ky[-2]) / (kx[-1] - kx[-2])
    elif method == "nearest":
        nearest = np.abs(years[:, None] - kx[None, :]).argmin(axis=1)
        values = ky[nearest]
    else:
        from scipy.interpolate import PchipInterpolator  # imported here: only this method needs SciPy

        values = PchipInterpolator(kx, ky, extrapolate=True)(years)
    values = np.where(observed, ky[np.searchsorted(kx, years).clip(0, kx.size - 1)], values)
    status = np.where(observed, OBSERVED, np.where(inside, INTERPOLATED, EXTRAPOLATED))
    if (values < 0).any():
        year = int(years[np.argmax(values < 0)])
        raise ValueError(f"{method} imputation gives a negative value in {year}")
    return values, status


def impute_observations(observations: pd.DataFrame, cells: pd.DataFrame, method: str, min_observed: int) -> pd.DataFrame:
    """Fill every requested cell from the usable observations.

    ``observations``: usable rows (entity, indicator, year, value, source_id); ``cells``: the
    (entity, indicator, year) grid to fill. Returns the grid with value, status (observed,
    interpolated, extrapolated or missing), source_id of observed cells, and a reason for
    every cell left missing. Only observations inside the grid's years anchor the fill.
    """
    rows = []
    obs = observations.set_index(["entity", "indicator"]).sort_index()
    for (entity, code), grid in cells.groupby(["entity", "indicator"], sort=True):
        years = np.sort(grid["year"].to_numpy())
        series = obs.loc[[(entity, code)]] if (entity, code) in obs.index else None
        if series is not None:  # only observations inside the window anchor the fill
            series = series[series["year"].isin(years)]
            series = series if len(series) else None
        reason = ""
        if series is None:
            values, status, reason = np.full(years.size, np.nan), np.full(years.size, MISSING), "no observed value"
        else:
            try:
                values, status = fill_series(years, series["year"], series["value"], method, min_observed)
            except ValueError as err:  # InsufficientData included
                values, status, reason = np.full(years.size, np.nan), np.full(years.size, MISSING), str(err)
        sources = dict(zip(series["year"], series["source_id"], strict=True)) if series is not None else {}
        observed_values = dict(zip(series["year"], series["value"], strict=True)) if series is not None else {}
        for year, value, st in zip(years, values, status, strict=True):
            if st == MISSING and year in observed_values:  # keep the observation even if the series cannot be filled
                value, st = observed_values[year], OBSERVED
            rows.append(
                {
                    "entity": entity,
                    "indicator": code,
                    "year": int(year),
                    "value": value,
                    "status": st,
                    "source_id": sources.get(year, "") if st == OBSERVED else "",
                    "reason": reason if st == MISSING else "",
                }
            )
    return pd.DataFrame(rows, columns=["entity", "indicator", "year", "value", "status", "source_id", "reason"])

"""Missing-value filling inside each (entity, indicator) series, with a flag on every filled cell.

The paper fills "a small number of missing data" by interpolation and extrapolation (docs/method.md,
step 1). The default, ``linear``, interpolates linearly between observed years and extrapolates
linearly from the two nearest observed points at either end. ``nearest`` copies the nearest
observed year; ``pchip`` is a shape-preserving cubic (it extrapolates with its end polynomials); ``loglinear``
interpolates and extrapolates the logarithm linearly (constant growth rates; it needs positive values).

Each series is filled once, from all its usable observations, whatever study asks for its cells, so
that a cell has one value in every study. Extrapolation stops ``max_extrapolation`` years from the
nearest observation: a cell further out is missing, with the reason.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

METHODS = ("linear", "nearest", "pchip", "loglinear")
OBSERVED, INTERPOLATED, EXTRAPOLATED, MISSING = "observed", "interpolated", "extrapolated", "missing"


class InsufficientData(ValueError):
    """Too few observed values to fill a series."""


def fill_series(
    years, known_years, known_values, method: str = "linear", min_observed: int = 2, max_extrapolation: int | None = None
):
    """Fill a series on ``years`` from its observed points.

    Returns (values, status) over ``years``; status is observed, interpolated, extrapolated, or missing
    (NaN) for a year more than ``max_extrapolation`` years beyond the nearest observation (no cap when
    None). Observed points outside ``years`` anchor the fill too. Raises InsufficientData with fewer
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
    elif method == "loglinear":
        if (ky <= 0).any():
            raise InsufficientData("log-linear imputation needs positive observed values")
        values = np.exp(np.interp(years, kx, np.log(ky)))
        below, above = years < kx[0], years > kx[-1]
        values[below] = ky[0] * (ky[1] / ky[0]) ** ((years[below] - kx[0]) / (kx[1] - kx[0]))
        values[above] = ky[-1] * (ky[-1] / ky[-2]) ** ((years[above] - kx[-1]) / (kx[-1] - kx[-2]))
    elif method == "nearest":
        nearest = np.abs(years[:, None] - kx[None, :]).argmin(axis=1)
        values = ky[nearest]
    else:
        from scipy.interpolate import PchipInterpolator  # imported here: only this method needs SciPy

        values = PchipInterpolator(kx, ky, extrapolate=True)(years)
    values = np.where(observed, ky[np.searchsorted(kx, years).clip(0, kx.size - 1)], values)
    status = np.where(observed, OBSERVED, np.where(inside, INTERPOLATED, EXTRAPOLATED))
    if max_extrapolation is not None:
        beyond = extrapolation_distance(years, kx) > max_extrapolation
        values, status = np.where(beyond, np.nan, values), np.where(beyond, MISSING, status)
    if (values < 0).any():
        year = int(years[np.argmax(values < 0)])
        raise ValueError(f"{method} imputation gives a negative value in {year}")
    return values, status


def extrapolation_distance(years, known_years) -> np.ndarray:
    """Years from the nearest observation for years outside the observed span; 0 inside it."""
    years, kx = np.asarray(years, dtype=float), np.asarray(known_years, dtype=float)
    return np.maximum(kx.min() - years, 0) + np.maximum(years - kx.max(), 0)


def check_one_value_per_cell(observations: pd.DataFrame) -> None:
    """Raise ValueError naming the files and lines of a cell given different values. Validation finds the same
    across all files, but an entity's imputation does not wait for the whole folder's validation."""
    conflicts = observations.groupby(["entity", "indicator", "year"])["value"].nunique()
    if (conflicts > 1).any():
        entity, code, year = conflicts[conflicts > 1].index[0]
        cells = observations[
            (observations["entity"] == entity) & (observations["indicator"] == code) & (observations["year"] == year)
        ]
        places = ", ".join(f"{r.file}:{r.line} ({r.value:g})" for r in cells.itertuples())
        raise ValueError(f"{entity} {code} {year} has different values in {places}; keep one (porteval validate)")


def impute_observations(
    observations: pd.DataFrame, cells: pd.DataFrame, method: str, min_observed: int, max_extrapolation: int | None = None
) -> pd.DataFrame:
    """Fill every requested cell from the usable observations.

    ``observations``: usable rows (entity, indicator, year, value, source_id); ``cells``: the
    (entity, indicator, year) grid to fill. Returns the grid with value, status (observed,
    interpolated, extrapolated or missing), source_id of observed cells, and a reason for
    every cell left missing. Every observation of a series anchors its fill, inside the grid's
    years or not, so a cell's value does not depend on which other cells are asked for.
    """
    rows = []
    # Each series once, in its rows' order (a lookup per series in an indexed table took most of the time).
    series_of = dict(list(observations.groupby(["entity", "indicator"], sort=False))) if len(observations) else {}
    for (entity, code), grid in cells.groupby(["entity", "indicator"], sort=True):
        years = np.sort(grid["year"].to_numpy())
        series = series_of.get((entity, code))
        reasons = np.full(years.size, "", dtype=object)
        if series is None:
            values, status = np.full(years.size, np.nan), np.full(years.size, MISSING)
            reasons[:] = "no observed value"
        else:
            try:
                values, status = fill_series(years, series["year"], series["value"], method, min_observed, max_extrapolation)
                distance = extrapolation_distance(years, series["year"])
                reasons[status == MISSING] = [
                    f"{int(d)} years beyond the last or before the first observation ({int(series['year'].min())}-"
                    f"{int(series['year'].max())}); extrapolation is capped at {max_extrapolation}"
                    for d in distance[status == MISSING]
                ]
            except ValueError as err:  # InsufficientData included
                values, status = np.full(years.size, np.nan), np.full(years.size, MISSING)
                reasons[:] = str(err)
        sources = dict(zip(series["year"], series["source_id"], strict=True)) if series is not None else {}
        observed_values = dict(zip(series["year"], series["value"], strict=True)) if series is not None else {}
        for year, value, st, reason in zip(years, values, status, reasons, strict=True):
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


BREAK_COLUMNS = [
    "entity",
    "indicator",
    "year_before",
    "year",
    "value_before",
    "value",
    "change",
    "change_per_year",
    "source_before",
    "source_id",
    "why",
]
# A note saying the value is on a changed basis: "restatement", "2019 scope change", "restated 2018 base".
_SCOPE_CHANGE = re.compile(r"restatement|scope change|restated \d{4} base", re.IGNORECASE)


def level_breaks(observations: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """Level breaks: consecutive observations of a series whose source or scope changes and whose
    relative change per year between them exceeds ``threshold``.

    A scope change is a note that says so (a restatement, a scope change, a restated base). Returns
    one row per break: entity, indicator, year_before, year, value_before, value, change (relative),
    change_per_year, source_before, source_id, why.
    """
    rows = []
    for (entity, code), series in observations.sort_values("year").groupby(["entity", "indicator"], sort=True):
        series = series.drop_duplicates("year")
        for before, after in zip(series.iloc[:-1].itertuples(), series.iloc[1:].itertuples(), strict=True):
            why = []
            if before.source_id != after.source_id:
                why.append("source changes")
            if _SCOPE_CHANGE.search(str(getattr(after, "note", ""))):
                why.append("the note says the scope or basis changes")
            change = after.value / before.value - 1 if before.value else np.inf
            per_year = (1 + change) ** (1 / (after.year - before.year)) - 1 if np.isfinite(change) else change
            if why and abs(per_year) > threshold:
                rows.append(
                    {
                        "entity": entity,
                        "indicator": code,
                        "year_before": int(before.year),
                        "year": int(after.year),
                        "value_before": before.value,
                        "value": after.value,
                        "change": change,
                        "change_per_year": per_year,
                        "source_before": before.source_id,
                        "source_id": after.source_id,
                        "why": "; ".join(why),
                    }
                )
    return pd.DataFrame(rows, columns=BREAK_COLUMNS)

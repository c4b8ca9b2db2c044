"""From imputed cells to a study's decision matrices, weights and COPRAS scores.

A study compares alternatives in one or more *comparisons*:

* longitudinal: one port; one comparison over the window, whose alternatives are the years;
* cross_port: several ports; one comparison over the whole window, whose alternatives are the
  ports with each indicator summed over the years (with sum-normalisation, sum and mean give the
  same x, docs/method.md), and one comparison per year. Weights are recomputed for each comparison.

An indicator with a cell that cannot be filled is left out of the whole study (with the reason),
so that every comparison of a study uses the same indicators.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .catalogue import Catalogue, study_indicators, study_window, study_years
from .impute import EXTRAPOLATED, INTERPOLATED, MISSING
from .mcda import ConstantIndicatorWarning, copras, entropy_weights, sum_normalize

WEIGHT_MODES = ("entropy", "published", "equal", "file")
# A study's files, results/studies/<study>/<name>.csv, each written by its job (porteval.study_run) in this order.
STUDY_FILES = ("imputed", "breaks", "matrix", "dropped", "normalised", "weights", "scores")
MATRIX_COLUMNS = ["comparison", "alternative", "indicator", "value", "status", "interpolated", "extrapolated", "imputed_share"]


def study_cells(study: dict, catalogue: Catalogue) -> pd.DataFrame:
    """The (entity, indicator, year) cells a study needs, with the port each serves."""
    codes, years = study_indicators(study, catalogue), study_years(study)
    pairs = [(port, catalogue.source_entity(port, code), code) for port in study["ports"] for code in codes]
    rows = [(port, entity, code, year) for port, entity, code in pairs for year in years]  # one lookup per pair, not per year
    return pd.DataFrame(rows, columns=["port", "entity", "indicator", "year"])


def study_imputed(imputed: pd.DataFrame, study: dict) -> pd.DataFrame:
    """The filled cells of a study's entities, indicators and years, from the entities' filled series."""
    years = study_years(study)
    part = imputed[imputed["year"].isin(years)]
    if study.get("indicators"):
        part = part[part["indicator"].isin(study["indicators"])]
    return part.sort_values(["entity", "indicator", "year"], ignore_index=True)


def study_breaks(breaks: pd.DataFrame, study: dict) -> pd.DataFrame:
    """The level breaks of a study's series that fall inside its window (between two of its years)."""
    first, last = study["years"]
    part = breaks[(breaks["year_before"] < last) & (breaks["year"] > first)]
    if study.get("indicators"):
        part = part[part["indicator"].isin(study["indicators"])]
    return part.sort_values(["entity", "indicator", "year"], ignore_index=True)


def with_alternative(cells: pd.DataFrame, study: dict) -> pd.DataFrame:
    """Year-cells with the alternative each belongs to: its year in a longitudinal study, its port in a cross-port
    one (whose whole-window matrix sums an alternative's years)."""
    return cells.assign(alternative=cells["year"].astype(str) if study["kind"] == "longitudinal" else cells["port"])


def build_matrix(imputed: pd.DataFrame, study: dict, catalogue: Catalogue, on_insufficient: str = "drop"):
    """The study's decision matrices in long form, and the indicators left out.

    Returns (matrix, dropped). ``matrix`` has one row per comparison, alternative and indicator:
    comparison, alternative, indicator, value, status (observed / interpolated / extrapolated, or
    ``aggregate:`` with the statuses summed over), the number of interpolated and extrapolated year-cells
    in it, and ``imputed_share``, the part of the value that comes from filled cells (0 to 1).
    ``dropped`` lists indicator, entity, reason.
    """
    cells = study_cells(study, catalogue).merge(imputed, on=["entity", "indicator", "year"], how="left")
    cells["status"] = cells["status"].fillna(MISSING)
    missing = cells[cells["status"] == MISSING]
    dropped = (
        missing.assign(reason=missing["reason"].fillna("not in the imputed data").replace("", "not in the imputed data"))
        .groupby(["indicator", "entity"], as_index=False)["reason"]
        .first()
    )
    if len(dropped) and on_insufficient == "fail":
        detail = "; ".join(f"{r.indicator} ({r.entity}): {r.reason}" for r in dropped.itertuples())
        raise ValueError(f"indicators cannot be imputed: {detail}")
    if cells["indicator"].isin(dropped["indicator"]).all():
        # Said in the message itself: a failed job's dropped.csv is deleted with its other outputs.
        why = dropped.groupby(["entity", "reason"], sort=True)["indicator"].agg(lambda c: " ".join(sorted(c)))
        raise ValueError(
            "no indicator has a value for every "
            f"{'year' if study['kind'] == 'longitudinal' else 'port and year'}: "
            + "; ".join(f"{entity}: {codes} {reason}" for (entity, reason), codes in why.items())
            + " (results/data/coverage.csv shows what each entity has)"
        )
    kept = cells[~cells["indicator"].isin(dropped["indicator"])].assign(
        interpolated=lambda d: (d["status"] == INTERPOLATED).astype(int),
        extrapolated=lambda d: (d["status"] == EXTRAPOLATED).astype(int),
    )
    kept["imputed_share"] = (kept["interpolated"] + kept["extrapolated"]).astype(float)
    window, kept = study_window(study), with_alternative(kept, study)
    if study["kind"] == "longitudinal":
        matrix = kept.assign(comparison=window)
    else:
        per_year = kept.assign(comparison=kept["year"].astype(str))
        period = (
            kept.assign(imputed_value=kept["value"] * kept["imputed_share"])
            .groupby(["alternative", "indicator"], as_index=False)
            .agg(
                value=("value", "sum"),
                status=("status", _status_summary),
                interpolated=("interpolated", "sum"),
                extrapolated=("extrapolated", "sum"),
                imputed_value=("imputed_value", "sum"),
            )
            .assign(comparison=window)
        )
        period["imputed_share"] = (period["imputed_value"] / period["value"]).where(period["value"] > 0, 0.0)
        matrix = pd.concat([period, per_year], ignore_index=True)
    matrix = matrix[MATRIX_COLUMNS]
    return _sorted(matrix, study, catalogue), dropped.sort_values(["indicator", "entity"], ignore_index=True)


def weight_if_kept(imputed: pd.DataFrame, dropped: pd.DataFrame, study: dict, catalogue: Catalogue) -> pd.DataFrame:
    """What each indicator left out would have weighed: its entropy weight, beside the indicators kept, over the
    years of the window in which every one of them can be filled (the alternatives of those years, or the ports
    with those years summed), and whether it would have been the heaviest. Returns one row per indicator left out
    that can be weighed so (indicator, years, weight, heaviest); one with fewer than two such years, or filled
    nowhere, cannot be, and has none. This says when a window loses what most of its ranking rested on."""
    cells = study_cells(study, catalogue).merge(imputed, on=["entity", "indicator", "year"], how="left")
    cells = cells[cells["status"].notna() & (cells["status"] != MISSING)]
    gone = set(dropped["indicator"])
    kept = [c for c in study_indicators(study, catalogue) if c not in gone]
    ports = len(study["ports"])
    rows = []
    for code in sorted(gone):
        codes = [*kept, code]
        part = cells[cells["indicator"].isin(codes)]
        full = part.groupby("year")["indicator"].size() == ports * len(codes)  # every port and indicator filled
        years = sorted(full[full].index)
        if len(years) < 2 or not kept:
            continue
        part = with_alternative(part[part["year"].isin(years)], study)
        wide = part.pivot_table(index="alternative", columns="indicator", values="value", aggfunc="sum")[codes]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConstantIndicatorWarning)  # a constant series weighs 0: that is the answer
            try:
                w = pd.Series(entropy_weights(wide.to_numpy(float)), index=codes)
            except ValueError:  # every column constant over those years: entropy weighting is undefined
                continue
        rows.append(
            {
                "indicator": code,
                "years": f"{years[0]}-{years[-1]}",
                "weight": float(w[code]),
                "heaviest": bool(w[code] >= w.max()),
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "years", "weight", "heaviest"])


def _status_summary(statuses: pd.Series) -> str:
    counts = statuses.value_counts().sort_index()
    return "aggregate: " + ", ".join(f"{n} {s}" for s, n in counts.items())


def _sorted(matrix: pd.DataFrame, study: dict, catalogue: Catalogue) -> pd.DataFrame:
    order = {c: i for i, c in enumerate(catalogue.indicators.index)}
    alt_order = {a: i for i, a in enumerate(study["ports"])}
    return matrix.sort_values(
        ["comparison", "alternative", "indicator"],
        key=lambda col: (
            col.map(order)
            if col.name == "indicator"
            else (col.map(alt_order).fillna(-1) if col.name == "alternative" and study["kind"] == "cross_port" else col)
        ),
        ignore_index=True,
    )


def comparisons(matrix: pd.DataFrame):
    """Yield (comparison, wide matrix alternatives x indicators) in file order."""
    for comp in pd.unique(matrix["comparison"]):
        part = matrix[matrix["comparison"] == comp]
        wide = part.pivot(index="alternative", columns="indicator", values="value")
        wide = wide.loc[pd.unique(part["alternative"]), pd.unique(part["indicator"])]
        yield comp, wide


def normalised(matrix: pd.DataFrame) -> pd.DataFrame:
    """The sum-normalised matrix x_ij of every comparison, in long form."""
    frames = []
    for comp, wide in comparisons(matrix):
        x = pd.DataFrame(sum_normalize(wide.to_numpy(), list(wide.columns)), index=wide.index, columns=wide.columns)
        frames.append(x.stack().rename("x").reset_index().assign(comparison=comp))
    return pd.concat(frames, ignore_index=True)[["comparison", "alternative", "indicator", "x"]]


def weights_table(matrix: pd.DataFrame, catalogue: Catalogue, mode: str, given: pd.Series | None = None):
    """The indicator weights of every comparison, and the notes (constant indicators, renormalisation).

    ``mode`` entropy: entropy weights of the comparison's own matrix; equal: 1/n; published or
    file: the ``given`` weights (a Series by indicator code), restricted to the indicators present
    and renormalised to sum to 1.
    """
    if mode not in WEIGHT_MODES:
        raise ValueError(f"unknown weighting mode {mode!r}")
    frames, notes = [], []
    for comp, wide in comparisons(matrix):
        codes = list(wide.columns)
        if mode == "entropy":
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", ConstantIndicatorWarning)
                w = entropy_weights(wide.to_numpy(), codes)
            notes += [f"{comp}: {c.message}" for c in caught if issubclass(c.category, ConstantIndicatorWarning)]
        elif mode == "equal":
            w = np.full(len(codes), 1.0 / len(codes))
        else:
            raw = given.reindex(codes).to_numpy(dtype=float)
            w = raw / raw.sum()
            if len(codes) < len(given):
                notes.append(
                    f"{comp}: {mode} weights renormalised over the {len(codes)} indicators present "
                    f"(they held {raw.sum():.3f} of the total)"
                )
        frames.append(
            pd.DataFrame(
                {
                    "comparison": comp,
                    "indicator": codes,
                    "subsystem": catalogue.indicators.loc[codes, "subsystem"].to_numpy(),
                    "direction": catalogue.indicators.loc[codes, "direction"].to_numpy(),
                    "weight": w,
                    "mode": mode,
                }
            )
        )
    return pd.concat(frames, ignore_index=True), notes


IMPUTATION_FLAGS = ["interpolated_cells", "extrapolated_cells", "imputed_score_share"]


def imputation_flags(matrix: pd.DataFrame, wide: pd.DataFrame, weights: pd.Series):
    """For a comparison: a function of a scope's indicators giving, per alternative, how many of its year-cells
    are interpolated and extrapolated, and which share of its weighted normalised sum sum_j w_j x_ij comes
    from filled cells (the part of the score that rests on imputation)."""
    counts = {
        col: matrix.pivot(index="alternative", columns="indicator", values=col).loc[wide.index, wide.columns]
        for col in ("interpolated", "extrapolated", "imputed_share")
    }
    weighted = sum_normalize(wide.to_numpy(), list(wide.columns)) * weights[wide.columns].to_numpy()
    weighted = pd.DataFrame(weighted, index=wide.index, columns=wide.columns)

    def flags(cols):
        total = weighted[cols].sum(axis=1)
        share = (weighted[cols] * counts["imputed_share"][cols]).sum(axis=1) / total.where(total > 0)
        return {
            a: {
                "interpolated_cells": int(counts["interpolated"].loc[a, cols].sum()),
                "extrapolated_cells": int(counts["extrapolated"].loc[a, cols].sum()),
                "imputed_score_share": float(share[a]) if pd.notna(share[a]) else 0.0,
            }
            for a in wide.index
        }

    return flags


def scores_table(matrix: pd.DataFrame, weights: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """COPRAS S+, S-, Q, U and rank of every alternative: overall, and per subsystem with the global weights.

    A scope whose scores are undefined (e.g. an alternative with S- = 0, or weights that are all 0
    in a subsystem) gets empty scores and the reason in ``note``.
    """
    rows = []
    for comp, wide in comparisons(matrix):
        w = weights[weights["comparison"] == comp].set_index("indicator")["weight"]
        codes = list(wide.columns)
        flags = imputation_flags(matrix[matrix["comparison"] == comp], wide, w)
        scopes = [("overall", codes)] + [
            (sub, [c for c in codes if catalogue.indicators.at[c, "subsystem"] == sub]) for sub in catalogue.subsystems
        ]
        for scope, cols in scopes:
            if not cols:
                continue
            base = {"comparison": comp, "scope": scope, "n_indicators": len(cols)}
            imputed = flags(cols)
            try:
                res = copras(wide[cols].to_numpy(), w[cols].to_numpy(), catalogue.types(cols), cols, list(wide.index))
            except ValueError as err:
                rows += [{**base, "alternative": a, **imputed[a], "note": str(err)} for a in wide.index]
                continue
            note = "" if -1 in catalogue.types(cols) else "no cost indicator: Q = S+"
            rows += [
                {
                    **base,
                    "alternative": a,
                    "benefit": res.benefit[i],
                    "cost": res.cost[i],
                    "q": res.q[i],
                    "utility": res.utility[i],
                    "rank": int(res.rank[i]),
                    **imputed[a],
                    "note": note,
                }
                for i, a in enumerate(wide.index)
            ]
    cols = ["comparison", "scope", "alternative", "n_indicators", "benefit", "cost", "q", "utility", "rank"]
    cols += [*IMPUTATION_FLAGS, "note"]
    out = pd.DataFrame(rows).reindex(columns=cols)
    out["rank"] = out["rank"].astype("Int64")
    return out

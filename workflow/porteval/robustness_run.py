"""Every robustness analysis of every comparison of one study, in one job: the same files as one job per
comparison and analysis gave (results/robustness/<study>/<comparison>/), without a Python start per file.

Each function returns the tables of one analysis of one comparison, labelled as the files hold them; ``run`` calls
the enabled ones for every comparison. SMAA draws can still be split into chunk jobs (``robustness.smaa.chunks``,
for a cluster): their counts are merged here, and the result does not depend on the split.
"""

from __future__ import annotations

import pandas as pd

from . import robustness as rb
from .catalogue import Catalogue, study_window
from .impute import impute_observations
from .methods import method_names
from .multiverse import ranking_outcomes, study_multiverse
from .study import study_cells
from .window import comparison_matrix


def dominance(alternatives, x, types) -> dict[str, pd.DataFrame]:
    pairs = rb.dominance(x, types)
    label = dict(enumerate(alternatives))
    out = pairs.assign(a=pairs["a"].map(label), b=pairs["b"].map(label), ranking_fixed_by_dominance=rb.fixed_by_dominance(pairs))
    return {"dominance": out[["a", "b", "dominates", "ranking_fixed_by_dominance"]]}


def smaa_chunk(alternatives, codes, x, types, w, settings: dict, chunk: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One chunk of the SMAA draws (acceptability counts, central weights), labelled by name."""
    acc, central = rb.smaa(x, w, types, settings["draws"], settings["concentration"], settings["seed"], chunk, settings["chunks"])
    acc["alternative"] = acc["alternative"].map(dict(enumerate(alternatives)))
    central["alternative"] = central["alternative"].map(dict(enumerate(alternatives)))
    central["indicator"] = central["indicator"].map(dict(enumerate(codes)))
    return acc, central


def smaa(chunks: list[tuple[pd.DataFrame, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    acc, central = rb.merge_smaa([c[0] for c in chunks], [c[1] for c in chunks])
    return {"rank_acceptability": acc[["sampling", "alternative", "rank", "probability"]], "central_weights": central}


def study_imputations(inputs: dict, study: dict, catalogue: Catalogue, settings: dict, imputation: dict) -> dict:
    """What the data analysis of every comparison of a study shares, made once for the study (imputing it again
    for each comparison was most of a cross-port study's robustness time): its cells filled by each imputation
    method (``by_method``), and its series imputed again under each level-break reading (``readings``)."""
    usable = inputs["usable"]
    grid = study_cells(study, catalogue)[["entity", "indicator", "year"]].drop_duplicates()
    minimum, cap = imputation["min_observed"], imputation["max_extrapolation"]
    return {
        **inputs,
        "by_method": {m: impute_observations(usable, grid, m, minimum, cap) for m in settings["imputation_methods"]},
        "readings": list(rb.break_imputations(usable, inputs["imputed"], inputs["breaks"], imputation)),
    }


def data(comparison, alternatives, codes, types, inputs: dict, study: dict, catalogue, settings, imputation, log):
    """Data uncertainty by cell class for each imputation method, and the level-break readings (``inputs``: as
    :func:`study_imputations` gives them)."""
    usable, breaks, residuals = inputs["usable"], inputs["breaks"], inputs["residuals"]
    errors = settings["relative_error"]
    summaries, drivers = [], []
    for method, filled in inputs["by_method"].items():
        cells = rb.comparison_cells(filled, breaks, study, comparison, codes, catalogue, errors, usable, residuals)
        if cells["value"].isna().any():
            log.warning("%s %s imputation cannot fill every cell; left out of this analysis", comparison, method)
            continue
        factors = rb.draw_factors(cells, residuals, settings["draws"], settings["seed"])
        summary, driver = rb.status_uncertainty(cells, alternatives, codes, types, factors)
        summaries.append(summary.assign(imputation=method))
        drivers.append(driver.assign(imputation=method))
    cells, readings = rb.cells_and_readings(inputs, study, comparison, codes, catalogue, errors, imputation)
    return {
        "data_uncertainty": pd.concat(summaries, ignore_index=True),
        "data_drivers": pd.concat(drivers, ignore_index=True),
        "break_scenarios": rb.break_scenarios(cells, readings, alternatives, codes, types),
    }


def leave_out(alternatives, codes, x, types, catalogue: Catalogue) -> dict[str, pd.DataFrame]:
    out = rb.leave_out(x, types, codes, catalogue.indicators["subsystem"].to_dict())
    out["alternative"] = out["alternative"].map(dict(enumerate(alternatives)))
    return {"leave_out": out, "rank_reversal": rb.rank_reversal(x, types, alternatives)}


def entropy_inputs(alternatives, codes, x, types) -> dict[str, pd.DataFrame]:
    out = rb.entropy_variants(x, types, codes)
    ranks = out["kind"] == "rank"
    out.loc[ranks, "item"] = out.loc[ranks, "item"].map(dict(enumerate(alternatives)))
    return {"entropy_inputs": out}


def methods(alternatives, x, types, w, names, log) -> dict[str, pd.DataFrame]:
    ranks = rb.method_ranks(x, w, types, names)
    vikor = rb.vikor_table(x, w, types)
    vikor["alternative"] = vikor["alternative"].map(dict(enumerate(alternatives)))
    log.info(
        "VIKOR: C1 %s, C2 %s, compromise set %s",
        vikor["c1_acceptable_advantage"].iloc[0],
        vikor["c2_acceptable_stability"].iloc[0],
        list(vikor.loc[vikor["in_compromise_set"], "alternative"]),
    )
    return {"method_ranks": ranks.assign(alternative=alternatives), "method_agreement": rb.agreement(ranks), "vikor": vikor}


def multiverse(study, matrix, weights, catalogue, settings, imputation, usable, published=None) -> pd.DataFrame:
    """The study's multiverse (:func:`porteval.multiverse.study_multiverse`) over its own indicators, alternatives
    and comparisons (from its matrix and weights); ``settings``: the config's robustness.multiverse."""

    window = study_window(study)
    part = matrix[matrix["comparison"] == window]
    codes = list(weights.loc[weights["comparison"] == window, "indicator"])
    alternatives = list(pd.unique(part["alternative"]))
    names = list(weights["comparison"].drop_duplicates())
    return study_multiverse(usable, study, catalogue, codes, alternatives, names, settings, imputation, published)


def multiverse_outcomes(table: pd.DataFrame, study: dict) -> pd.DataFrame:
    """Per specification, its whole-window ranking against the paper's specification (the specification curve)."""

    return ranking_outcomes(table, study_window(study))


# Where each table's study and comparison labels go: first (dominance, rank acceptability) or last, as the
# one-job-per-analysis files had them.
LABELS_FIRST = {"dominance", "rank_acceptability"}


def run(name, study, matrix, weights, catalogue, settings, imputation, data_inputs, smaa_chunks, enabled, log):
    """Every enabled analysis of every comparison of the study: {(comparison, table name): table}.

    ``smaa_chunks``: {comparison: [(acceptability, central), ...]} from chunk jobs, or None to draw here;
    ``enabled``: which analyses the config switches on (its names: dominance, smaa, data, leave_out,
    entropy_inputs, methods)."""
    window = study_window(study)
    tables = {}
    if enabled["data"]:
        data_inputs = study_imputations(data_inputs, study, catalogue, settings["data"], imputation)
    for comparison in weights["comparison"].drop_duplicates():
        alternatives, codes, x, types = comparison_matrix(matrix, comparison, catalogue)
        w = weights[weights["comparison"] == comparison].set_index("indicator").loc[codes, "weight"].to_numpy()
        found = {}
        if enabled["dominance"]:
            found |= dominance(alternatives, x, types)
        if enabled["smaa"]:
            chunks = (smaa_chunks or {}).get(comparison) or [
                smaa_chunk(alternatives, codes, x, types, w, settings["smaa"], c) for c in range(settings["smaa"]["chunks"])
            ]
            found |= smaa(chunks)
        if enabled["data"]:
            found |= data(
                comparison, alternatives, codes, types, data_inputs, study, catalogue, settings["data"], imputation, log
            )
        if enabled["leave_out"]:
            found |= leave_out(alternatives, codes, x, types, catalogue)
        if enabled["entropy_inputs"] and comparison == window:
            found |= entropy_inputs(alternatives, codes, x, types)
        if enabled["methods"]:
            found |= methods(alternatives, x, types, w, method_names(settings["methods"]["names"]), log)
        for table, frame in found.items():
            labels = {"study": name, "comparison": comparison}
            frame = frame.assign(**labels)
            if table in LABELS_FIRST:
                frame = frame[[*labels, *[c for c in frame.columns if c not in labels]]]
            tables[(comparison, table)] = frame
    return tables

"""One robustness analysis (chosen by the rule's params.analysis) of a study's whole-window comparison."""

import pandas as pd

from porteval import robustness as rb
from porteval.catalogue import load_catalogue, study_window
from porteval.impute import impute_observations
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.study import build_matrix, study_cells
from porteval.window import window_matrix

log = rule_logger(snakemake.log[0], "robustness")
catalogue = load_catalogue(*snakemake.input.catalogue)
study, analysis, settings = snakemake.params.study, snakemake.params.analysis, snakemake.params.settings
name = snakemake.wildcards.study
matrix = pd.read_csv(snakemake.input.matrix, dtype={"alternative": str, "comparison": str})
alternatives, codes, x, types = window_matrix(matrix, study, catalogue)
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
window = study_window(study)
w = weights[weights["comparison"] == window].set_index("indicator").loc[codes, "weight"].to_numpy()
label = dict(enumerate(alternatives))

if analysis == "smaa":
    chunk = int(snakemake.wildcards.chunk)
    acc, central = rb.smaa(x, w, types, settings["draws"], settings["concentration"], settings["seed"], chunk, settings["chunks"])
    acc["alternative"] = acc["alternative"].map(label)
    central["alternative"], central["indicator"] = (
        central["alternative"].map(label),
        central["indicator"].map(dict(enumerate(codes))),
    )
    write_csv(acc.assign(study=name)[["study", "sampling", "alternative", "rank", "probability"]], snakemake.output[0])
    write_csv(central.assign(study=name), snakemake.output[1])
elif analysis == "data":
    imputation = snakemake.params.imputation
    observations = read_observations(snakemake.input.observations)
    usable = observations[observations["usable"]]
    cells = study_cells(study, catalogue)[["entity", "indicator", "year"]].drop_duplicates()
    matrices = {}
    for method in settings["imputation_methods"]:
        filled = impute_observations(usable, cells, method, imputation["min_observed"], imputation["max_extrapolation"])
        m, _ = build_matrix(filled, {**study, "indicators": codes}, catalogue)
        if m["indicator"].nunique() < len(codes):
            log.warning("%s imputation cannot fill every indicator of the study; left out of this analysis", method)
            continue
        matrices[method] = window_matrix(m, study, catalogue)[2]
    base = rb.copras(x, w, types).rank
    out = rb.data_uncertainty(matrices, base, types, settings["relative_error"], settings["draws"], settings["seed"])
    out["alternative"] = out["alternative"].map(label)
    write_csv(out.assign(study=name, relative_error=settings["relative_error"]), snakemake.output[0])
elif analysis == "leave_out":
    out = rb.leave_out(x, types, codes, catalogue.indicators["subsystem"].to_dict())
    out["alternative"] = out["alternative"].map(label)
    write_csv(out.assign(study=name), snakemake.output[0])
elif analysis == "entropy_inputs":
    out = rb.entropy_variants(x, types, codes)
    ranks = out["kind"] == "rank"
    out.loc[ranks, "item"] = out.loc[ranks, "item"].map(label)
    write_csv(out.assign(study=name), snakemake.output[0])
elif analysis == "methods":
    ranks = rb.method_ranks(x, w, types, settings["names"])
    write_csv(ranks.assign(alternative=alternatives, study=name), snakemake.output[0])
    write_csv(rb.agreement(ranks).assign(study=name), snakemake.output[1])

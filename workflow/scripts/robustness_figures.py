from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "robustness_figures")
folder = Path(snakemake.output[0]).parent
study = snakemake.wildcards.study
inputs = snakemake.input.keys()

if "rank_acceptability" in inputs:
    acc = pd.read_csv(snakemake.input.rank_acceptability, dtype={"alternative": str})
    order = list(pd.unique(acc["alternative"]))
    panels = {
        {"dirichlet": "weights drawn around the study's weights", "uniform": "weights uniform on the simplex"}[s]: part.pivot(
            index="alternative", columns="rank", values="probability"
        ).loc[order]
        for s, part in acc.groupby("sampling", sort=True)
    }
    figures.save(figures.rank_probabilities(panels, f"Rank acceptability, {study}"), folder / "robustness_acceptability")
if "method_agreement" in inputs:
    agree = pd.read_csv(snakemake.input.method_agreement)
    matrix = agree.pivot(index="method_a", columns="method_b", values="ws")
    names = list(pd.unique(agree["method_a"]))
    fig = figures.heatmap(matrix.loc[names, names], f"Rank agreement of methods (WS; row = reference), {study}", "WS", 0, 1)
    figures.save(fig, folder / "robustness_methods")
if "data_uncertainty" in inputs:
    data = pd.read_csv(snakemake.input.data_uncertainty, dtype={"alternative": str})
    order = list(pd.unique(data["alternative"]))
    frame = data.pivot(index="alternative", columns="imputation", values="p_rank_changed").loc[order]
    error = data["relative_error"].iloc[0]
    fig = figures.lines(frame, f"Probability that the rank changes (values perturbed by ±{error:.0%}), {study}", "probability")
    figures.save(fig, folder / "robustness_data")

"""A study's whole-window robustness figures (inputs: the window's robustness files; outputs: rank acceptability,
method agreement and data uncertainty figures)."""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "robustness_figures")
study, window = snakemake.params.study, snakemake.params.window
outputs = {Path(p).stem: Path(p).with_suffix("") for p in snakemake.output if p.endswith(".png")}
read = {"dtype": {"alternative": str}}


def window_file(analysis, name):
    return snakemake.input[f"{analysis}_{name}_{window}"]


if "robustness_acceptability" in outputs:
    acc = pd.read_csv(window_file("smaa", "rank_acceptability"), **read)
    order = list(pd.unique(acc["alternative"]))
    titles = {"dirichlet": "weights drawn around the study's weights", "uniform": "weights uniform on the simplex"}
    panels = {
        titles[s]: part.pivot(index="alternative", columns="rank", values="probability").loc[order]
        for s, part in acc.groupby("sampling", sort=True)
    }
    fig = figures.rank_probabilities(panels, f"Rank acceptability under weight uncertainty, {study} {window}")
    figures.save(fig, outputs["robustness_acceptability"])
if "robustness_methods" in outputs:
    agree = pd.read_csv(window_file("methods", "method_agreement"))
    names = list(pd.unique(agree["method_a"]))
    matrix = agree.pivot(index="method_a", columns="method_b", values="ws").loc[names, names]
    title = f"Rank agreement of methods (WS; row = reference; VIKOR: its compromise set tied first), {study} {window}"
    figures.save(figures.heatmap(matrix, title, "WS", 0, 1), outputs["robustness_methods"])
if "robustness_data" in outputs:
    data = pd.read_csv(window_file("data", "data_uncertainty"), **read)
    order = list(pd.unique(data["alternative"]))
    frame = data.pivot(index="alternative", columns="imputation", values="p_rank_changed").loc[order]
    title = f"Probability that the rank changes, each cell within the error of its status, {study} {window}"
    figures.save(figures.lines(frame, title, "probability"), outputs["robustness_data"])

"""Rank acceptability of each port in each year of a cross-port study (inputs: each year's rank_acceptability.csv;
output: one heat map of the probability that each port ranks first in each year, weights drawn around that
year's weights)."""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "robustness_years_figure")
acc = pd.concat([pd.read_csv(p, dtype={"alternative": str, "comparison": str}) for p in snakemake.input], ignore_index=True)
first = acc[(acc["rank"] == 1) & (acc["sampling"] == "dirichlet")]
frame = first.pivot(index="alternative", columns="comparison", values="probability").loc[snakemake.params.ports]
title = f"Probability of ranking first in each year (weights drawn around the year's weights), {snakemake.params.study}"
figures.save(figures.heatmap(frame, title, "probability of ranking first", 0, 1), Path(snakemake.output[0]).with_suffix(""))

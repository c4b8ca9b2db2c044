"""Fill one entity's series once for every study (input: its observation files; output: its filled cells
and its level breaks)."""

import pandas as pd

from porteval.impute import check_one_value_per_cell, impute_observations, level_breaks
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "impute")
entity = snakemake.params.entity["entity"]
params = snakemake.params.imputation
observations = read_observations(snakemake.input.observations)
usable = observations[observations["usable"] & (observations["entity"] == entity)]
check_one_value_per_cell(usable)
cells = pd.DataFrame(
    [(entity, code, year) for code, years in snakemake.params.entity["cells"].items() for year in years],
    columns=["entity", "indicator", "year"],
)
imputed = impute_observations(usable, cells, params["method"], params["min_observed"], params["max_extrapolation"])
for status, n in imputed["status"].value_counts().sort_index().items():
    log.info("%s: %d cell(s) %s", entity, n, status)
for (code, reason), part in imputed[imputed["reason"] != ""].groupby(["indicator", "reason"]):
    log.info("%s %s %s cannot be filled: %s", entity, code, ", ".join(map(str, part["year"])), reason)
breaks = level_breaks(usable, snakemake.params.break_threshold)
for b in breaks.itertuples():
    log.warning("level break: %s %s %d->%d %+.1f%% (%s)", entity, b.indicator, b.year_before, b.year, 100 * b.change, b.why)
write_csv(imputed, snakemake.output.imputed)
write_csv(breaks, snakemake.output.breaks)

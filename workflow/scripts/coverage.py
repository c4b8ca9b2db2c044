"""Coverage of every cell the studies need (inputs: observations.csv, the entities' imputed/ and breaks/ files;
outputs: coverage.csv, level_breaks.csv, gaps.csv and the coverage map)."""

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue
from porteval.coverage import coverage_table, gaps_template
from porteval.io import write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "coverage")
catalogue = load_catalogue(*snakemake.input.catalogue)
observations = pd.read_csv(snakemake.input.observations, keep_default_na=False, dtype={"source_id": str})
read = {"keep_default_na": False, "na_values": [""], "dtype": {"source_id": str, "reason": str}}
imputed = pd.concat([pd.read_csv(p, **read) for p in snakemake.input.imputed], ignore_index=True)
breaks = pd.concat([pd.read_csv(p, keep_default_na=False) for p in snakemake.input.breaks], ignore_index=True)
coverage = coverage_table(observations, imputed, breaks)
for status, n in coverage["coverage"].value_counts().sort_index().items():
    log.info("%d cell(s) %s", n, status)
log.info("%d level break(s)", len(breaks))
write_csv(coverage, snakemake.output.coverage)
write_csv(breaks.sort_values(["entity", "indicator", "year"]), snakemake.output.breaks)
write_csv(gaps_template(coverage, catalogue), snakemake.output.gaps)
colors = {
    "sourced": "#2b6c9e",
    "interpolated": "#8fbfe0",
    "extrapolated": "#e5a0a0",
    "bound_only": "#f2b134",
    "missing": "#eeeeee",
}
figures.save(
    figures.coverage_map(coverage, colors, "Data coverage of the studies' cells (x: a level break ends in that year)"),
    snakemake.output.figure[0][:-4],
)

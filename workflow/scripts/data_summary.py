"""Every raw file checked at once, every raw value in one table, and the coverage of every cell the studies need
(inputs: the raw files and wide sheets, the sources table, the catalogue, the per-file observation tables, the
entities' imputed/ and breaks/ files; outputs: validation.txt, only when there is no problem, observations.csv,
coverage.csv, level_breaks.csv, gaps.csv and the coverage map)."""

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue
from porteval.claims import claims_by_cell
from porteval.coverage import COVERAGE_COLORS, coverage_table, gaps_template
from porteval.data_run import check_or_stop, combined_observations
from porteval.io import atomic_write_text, write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "data_summary")
catalogue = load_catalogue(*snakemake.input.catalogue)
raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
report = check_or_stop(raw, catalogue, snakemake.input.sources, log, snakemake.params.wide_sheets)
atomic_write_text(snakemake.output.validation, report)
write_csv(combined_observations(snakemake.input.observations), snakemake.output.observations)
observations = pd.read_csv(snakemake.output.observations, keep_default_na=False, dtype={"source_id": str})
read = {"keep_default_na": False, "na_values": [""], "dtype": {"source_id": str, "reason": str}}
imputed = pd.concat([pd.read_csv(p, **read) for p in snakemake.input.imputed], ignore_index=True)
breaks = pd.concat([pd.read_csv(p, keep_default_na=False) for p in snakemake.input.breaks], ignore_index=True)
coverage = coverage_table(observations, imputed, breaks)
for status, n in coverage["coverage"].value_counts().sort_index().items():
    log.info("%d cell(s) %s", n, status)
log.info("%d level break(s)", len(breaks))
write_csv(coverage, snakemake.output.coverage)
write_csv(breaks.sort_values(["entity", "indicator", "year"]), snakemake.output.breaks)
write_csv(gaps_template(coverage, catalogue, claims_by_cell(catalogue)), snakemake.output.gaps)
title = "Data coverage of the studies' cells (x: a level break ends in that year)"
figures.save(figures.coverage_map(coverage, COVERAGE_COLORS, title), snakemake.output.figure[0][:-4])

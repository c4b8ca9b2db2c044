import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue
from porteval.coverage import coverage_table, gaps_template
from porteval.io import write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "coverage")
catalogue = load_catalogue(*snakemake.input.catalogue)
observations = pd.read_csv(snakemake.input.observations, keep_default_na=False, dtype={"source_id": str})
imputed = [
    pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"source_id": str, "reason": str})
    for path in snakemake.input.imputed
]
coverage = coverage_table(observations, imputed)
for status, n in coverage["coverage"].value_counts().sort_index().items():
    log.info("%d cell(s) %s", n, status)
write_csv(coverage, snakemake.output.coverage)
write_csv(gaps_template(coverage, catalogue), snakemake.output.gaps)
colors = {"sourced": "#2b6c9e", "imputed": "#8fbfe0", "bound_only": "#f2b134", "missing": "#eeeeee"}
figures.save(figures.coverage_map(coverage, colors, "Data coverage of the studies' cells"), snakemake.output.figure[0][:-4])

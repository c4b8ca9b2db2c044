"""A study's decision matrices (inputs: the study's imputed.csv, the catalogue; outputs: matrix.csv, dropped.csv)."""

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.study import build_matrix

log = rule_logger(snakemake.log[0], f"matrix {snakemake.params.study}")
catalogue = load_catalogue(*snakemake.input.catalogue)
imputed = pd.read_csv(snakemake.input.imputed, keep_default_na=False, na_values=[""], dtype={"source_id": str, "reason": str})
matrix, dropped = build_matrix(imputed, snakemake.params.study_config, catalogue, snakemake.params.on_insufficient)
for row in dropped.itertuples():
    log.warning("%s left out (%s): %s", row.indicator, row.entity, row.reason)
log.info("%d indicator(s) kept: %s", matrix["indicator"].nunique(), ", ".join(pd.unique(matrix["indicator"])))
write_csv(matrix, snakemake.output.matrix)
write_csv(dropped, snakemake.output.dropped)

"""The measured sizes behind the default errors of the data uncertainty (inputs: observations.csv and, if any, the
curation decisions; output: error_calibration.csv)."""

import pandas as pd

from porteval.io import write_csv
from porteval.robustness import error_calibration
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "error_calibration")
observations = pd.read_csv(snakemake.input.observations, keep_default_na=False, dtype={"source_id": str})
decisions = (
    pd.read_csv(snakemake.input.decisions[0], keep_default_na=False, dtype={"value": float})
    if snakemake.input.decisions
    else None
)
table = error_calibration(observations[observations["usable"]], decisions)
for row in table.itertuples():
    log.info("%s: %d case(s), median %.4f, p75 %.4f, p95 %.4f", row.measure, row.cases, row.median, row.p75, row.p95)
write_csv(table, snakemake.output[0])

"""The data draws' error model, measured on the curated dossier (input: the curation decisions, if shipped;
outputs: error_residuals.csv, every signed relative error by class, and error_calibration.csv, their sizes by
class)."""

from porteval.error_model import calibration_residuals, error_calibration
from porteval.inputs import read_csv
from porteval.io import write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "error_calibration")
decisions = (
    read_csv(snakemake.input.decisions[0], keep_default_na=False, dtype={"value": float}) if snakemake.input.decisions else None
)
residuals = calibration_residuals(decisions)
table = error_calibration(residuals)
for _, row in table.iterrows():
    log.info(
        "%s / %s: %d case(s), median %.4f, p95 %.4f", row["class"], row["indicator"], row["cases"], row["median"], row["p95"]
    )
write_csv(residuals, snakemake.output.residuals)
write_csv(table, snakemake.output.calibration)

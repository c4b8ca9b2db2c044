"""The audit of the published tables (input: the published tables; outputs: audit.csv and audit.md)."""

from porteval.audit import audit, read_reference
from porteval.io import atomic_write_text, write_csv
from porteval.runlog import rule_logger
from porteval.tables import to_markdown

log = rule_logger(snakemake.log[0], "audit_published")
checks = audit(read_reference(snakemake.input.reference))
for row in checks[~checks["within_rounding"]].itertuples():
    log.warning("%s %s %s: residual %.4f outside rounding", row.table, row.row, row.check, row.residual)
write_csv(checks, snakemake.output.csv)
atomic_write_text(snakemake.output.md, to_markdown(checks, digits=4))

"""Every audit trail in one job: each follows one alternative of one study through every step (inputs: the studies'
observations, imputed, matrix, normalised, weights and scores files, the sources table, the catalogue; outputs: each
trail as Markdown and CSV: porteval.audit_trail.write_trail)."""

from porteval.audit_trail import write_trail
from porteval.catalogue import load_catalogue
from porteval.inputs import read_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "audit_trail")
catalogue = load_catalogue(*snakemake.input.catalogue)
sources = read_csv(snakemake.input.sources, keep_default_na=False).set_index("source_id")
for trail in snakemake.params.trails:
    write_trail(trail, sources, catalogue)
    log.info("%s: %s in comparison %s", trail["study"], trail["alternative"], trail["comparison"])

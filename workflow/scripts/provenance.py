"""What the run was made from (inputs: the raw data, config files, catalogue and every result but the report;
output: results/provenance.json with their checksums, the config used, versions and the git commit)."""

from porteval.io import atomic_write_text
from porteval.provenance import provenance, to_json
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "provenance")
record = provenance(snakemake.input.inputs, snakemake.input.results, dict(snakemake.params.config))
atomic_write_text(snakemake.output[0], to_json(record))

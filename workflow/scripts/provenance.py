from porteval.io import atomic_write_text
from porteval.provenance import provenance, to_json
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "provenance")
atomic_write_text(snakemake.output[0], to_json(provenance(snakemake.input, dict(snakemake.config))))

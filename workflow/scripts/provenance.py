"""What the run was made from, as a Workflow Run RO-Crate (inputs: the raw data, config files, catalogue and every
result; output: results/ro-crate-metadata.json with their checksums, the settings, versions, the git commit and
each job with its inputs and outputs: porteval.crate)."""

from porteval.crate import build_crate, job_records, to_json
from porteval.io import atomic_write_text
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "provenance")
results = list(snakemake.input.results)
jobs = job_records(results)
crate = build_crate(list(snakemake.input.inputs), results, dict(snakemake.params.config), jobs)
atomic_write_text(snakemake.output[0], to_json(crate))
log.info("%d jobs, %d results described", len(jobs), len(results))

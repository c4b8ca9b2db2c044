"""The papers' reproduction in one job (inputs: the published tables, the reproducing studies' files, the curation
decisions for Zhang's table, the catalogue; outputs: the audit of the published tables, the series diagnosis, each
paper's tables beside ours and their scorecard rows, the scorecard, the papers' figures: porteval.reproduce_run)."""

from porteval.catalogue import load_catalogue
from porteval.reproduce_run import run
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "reproduce")
run(
    dict(snakemake.input.items()),
    dict(snakemake.output.items()),
    dict(snakemake.params.items()),
    load_catalogue(*snakemake.input.catalogue),
    log,
)

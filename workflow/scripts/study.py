"""A study's chain in one job (inputs: the entities' imputed and breaks files, the published weights, a weights
file if any, the catalogue; outputs: results/studies/<study>/{imputed,breaks,matrix,dropped,normalised,weights,
scores}.csv and results/tables/<study>/, each step's file read back by the next: porteval.study_run)."""

import sys

from porteval.catalogue import load_catalogue
from porteval.inputs import read_csv
from porteval.runlog import rule_logger
from porteval.study_run import run_study

log = rule_logger(snakemake.log[0], f"study {snakemake.params.study}")
mode = snakemake.params.mode
given = None
if mode == "published":
    given = read_csv(snakemake.input.published[0]).set_index("indicator")["published_weight"]
elif mode == "file":
    given = read_csv(snakemake.input.weights_file[0]).set_index("indicator")["weight"]
inputs = {"imputed": snakemake.input.imputed, "breaks": snakemake.input.breaks, "given": given}
settings = {"mode": mode, "on_insufficient": snakemake.params.on_insufficient}
said = run_study(
    inputs,
    dict(snakemake.output.items()),
    snakemake.params.study_config,
    load_catalogue(*snakemake.input.catalogue),
    settings,
    log,
)
for line in said:  # a window that loses what its ranking rested on is said where the run is watched, not only logged
    print(f"porteval: {line}", file=sys.stderr)

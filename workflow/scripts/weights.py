"""Indicator weights of every comparison (inputs: matrix.csv, the published weights, a weights file if any, the
catalogue; output: weights.csv)."""

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.study import weights_table

log = rule_logger(snakemake.log[0], "weights")
catalogue = load_catalogue(*snakemake.input.catalogue)
matrix = pd.read_csv(snakemake.input.matrix, dtype={"alternative": str, "comparison": str})
mode = snakemake.params.mode
given = None
if mode == "published":
    given = pd.read_csv(snakemake.input.published).set_index("indicator")["published_weight"]
elif mode == "file":
    given = pd.read_csv(snakemake.input.weights_file[0]).set_index("indicator")["weight"]
weights, notes = weights_table(matrix, catalogue, mode, given)
for note in notes:
    log.warning(note)
write_csv(weights, snakemake.output[0])

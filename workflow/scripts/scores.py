"""COPRAS scores of every comparison (inputs: matrix.csv, weights.csv, the catalogue; output: scores.csv)."""

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.study import scores_table

log = rule_logger(snakemake.log[0], "scores")
catalogue = load_catalogue(*snakemake.input.catalogue)
matrix = pd.read_csv(snakemake.input.matrix, dtype={"alternative": str, "comparison": str})
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
scores = scores_table(matrix, weights, catalogue)
for note in sorted(set(scores["note"].dropna()) - {""}):
    log.warning(note)
write_csv(scores, snakemake.output[0])

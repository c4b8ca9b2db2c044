"""A study's tables (inputs: weights.csv, scores.csv, matrix.csv; outputs: weights, overall, subsystems as CSV and
Markdown, each with its filled cells)."""

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.runlog import rule_logger
from porteval.tables import overall_view, subsystems_view, weights_view, write_tables

rule_logger(snakemake.log[0], "study_tables")
catalogue = load_catalogue(*snakemake.input.catalogue)
read = {"dtype": {"comparison": str, "alternative": str}}
weights = pd.read_csv(snakemake.input.weights, **read)
scores = pd.read_csv(snakemake.input.scores, **read)
matrix = pd.read_csv(snakemake.input.matrix, **read)
views = {
    "weights": weights_view(weights, matrix, catalogue),
    "overall": overall_view(scores),
    "subsystems": subsystems_view(scores),
}
write_tables(views, [*snakemake.output.csv, *snakemake.output.md])

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.runlog import rule_logger
from porteval.tables import overall_view, subsystems_view, weights_view, write_tables

rule_logger(snakemake.log[0], "study_tables")
catalogue = load_catalogue(*snakemake.input.catalogue)
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
views = {"weights": weights_view(weights, catalogue), "overall": overall_view(scores), "subsystems": subsystems_view(scores)}
write_tables(views, [*snakemake.output.csv, *snakemake.output.md])

"""Zeng et al. Tables 2-4 beside ours (inputs: the longitudinal study's weights, scores, matrix and dropped
indicators, the series diagnosis, the audit, the published tables; outputs: the tables, their scorecard rows)."""

import pandas as pd

from porteval.audit import read_reference
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.reproduce import CARD_COLUMNS, longitudinal_tables, score_cards, utility_in_percent
from porteval.runlog import rule_logger
from porteval.tables import write_tables

rule_logger(snakemake.log[0], "reproduce_longitudinal")
catalogue = load_catalogue(*snakemake.input.catalogue)
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
matrix = pd.read_csv(snakemake.input.matrix, dtype={"comparison": str, "alternative": str})
dropped = pd.read_csv(snakemake.input.dropped, keep_default_na=False)
audit = pd.read_csv(snakemake.input.audit, dtype={"row": str})
diagnosis = pd.read_csv(snakemake.input.diagnosis)
t2, t3, t4, card = longitudinal_tables(
    weights,
    scores,
    matrix,
    dropped,
    diagnosis,
    read_reference(snakemake.input.reference),
    catalogue,
    snakemake.params.study_config,
)
card += score_cards(t4, "table4", "year", audit, dropped, bool(t4["partial"].iloc[0]))
tables = {
    "table2_weights": t2,
    "table3_subsystems": utility_in_percent(t3, 100),
    "table4_overall": utility_in_percent(t4, 1),
}
write_tables(tables, snakemake.output.tables, weighting=snakemake.params.mode)
write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), snakemake.output.scorecard)

"""Zeng et al. Tables 5-6 beside ours (inputs: the cross-port study's scores and dropped indicators, the audit, the
published tables; outputs: the tables as CSV and Markdown, their scorecard rows)."""

import pandas as pd

from porteval.audit import read_reference
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.reproduce import CARD_COLUMNS, cross_port_tables, score_cards, utility_in_percent
from porteval.runlog import rule_logger
from porteval.tables import write_tables

rule_logger(snakemake.log[0], "reproduce_cross_port")
catalogue = load_catalogue(*snakemake.input.catalogue)
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
dropped = pd.read_csv(snakemake.input.dropped, keep_default_na=False)
audit = pd.read_csv(snakemake.input.audit, dtype={"row": str})
t5, t6, card = cross_port_tables(
    scores, dropped, read_reference(snakemake.input.reference), catalogue, snakemake.params.study_config
)
card = score_cards(t5, "table5", "code", audit, dropped, bool(t5["partial"].iloc[0])) + card
tables = {"table5_ports": utility_in_percent(t5, 1), "table6_port_years": utility_in_percent(t6, 100)}
write_tables(tables, snakemake.output.tables, weighting=snakemake.params.mode)
write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), snakemake.output.scorecard)

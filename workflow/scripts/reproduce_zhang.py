"""Zhang's Table 2 against independent sources (inputs: the curation decisions, the published table; outputs: the
table as CSV and Markdown, its scorecard rows)."""

import pandas as pd

from porteval.audit import read_reference
from porteval.io import atomic_write_text, write_csv
from porteval.reproduce import CARD_COLUMNS, zhang_table
from porteval.runlog import rule_logger
from porteval.tables import to_markdown

rule_logger(snakemake.log[0], "reproduce_zhang")
decisions = pd.read_csv(snakemake.input.decisions, keep_default_na=False, dtype={"value": float})
table, card = zhang_table(
    decisions, read_reference(snakemake.input.reference)["zhang_table2_throughput"], snakemake.params.use_qualifiers
)
write_csv(table, snakemake.output.tables[0])
atomic_write_text(snakemake.output.tables[1], to_markdown(table, digits=1))
write_csv(pd.DataFrame(card, columns=CARD_COLUMNS), snakemake.output.scorecard)

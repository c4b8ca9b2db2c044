"""The scorecard (inputs: each paper's scorecard rows; outputs: scorecard.csv, with whether each differing number
changes a rank, and its summary, which keeps what our data reproduce apart from what the paper's own identities
confirm)."""

import pandas as pd

from porteval.io import write_csv
from porteval.reproduce import scorecard_summary, with_decisions
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "scorecard")
card = pd.concat(
    [pd.read_csv(p, keep_default_na=False, na_values=[""], dtype={"row": str}) for p in snakemake.input], ignore_index=True
)
card = with_decisions(card)  # does a differing number change a rank (a decision difference)?
summary = scorecard_summary(card)
for column, n in summary.set_index("table").loc["all"].items():
    log.info("%d %s", n, column)
write_csv(card, snakemake.output.csv)
write_csv(summary, snakemake.output.summary)

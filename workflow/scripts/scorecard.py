import pandas as pd

from porteval.io import write_csv
from porteval.reproduce import CONSISTENT, DIFFERS, NOT_REPRODUCIBLE, REPRODUCED
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "scorecard")
card = pd.concat(
    [pd.read_csv(p, keep_default_na=False, na_values=[""], dtype={"row": str}) for p in snakemake.input], ignore_index=True
)
summary = card.pivot_table(index="table", columns="status", values="row", aggfunc="count", fill_value=0)
summary = summary.reindex(columns=[REPRODUCED, DIFFERS, CONSISTENT, NOT_REPRODUCIBLE], fill_value=0)
summary.loc["all"] = summary.sum()
for status, n in summary.loc["all"].items():
    log.info("%d %s", n, status)
write_csv(card, snakemake.output.csv)
write_csv(summary.reset_index().rename_axis(columns=None), snakemake.output.summary)

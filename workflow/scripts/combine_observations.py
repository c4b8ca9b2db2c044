"""Every raw value in one table (inputs: the per-file observation tables; output: observations.csv)."""

import pandas as pd

from porteval.io import write_csv
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "observations")
frames = [
    pd.read_csv(p, keep_default_na=False, dtype={"source_id": str, "quote": str, "note": str})
    for p in snakemake.input
    if "/observations/" in p
]
observations = pd.concat(frames, ignore_index=True).sort_values(
    ["entity", "indicator", "year", "file", "line"], ignore_index=True
)
write_csv(observations, snakemake.output[0])

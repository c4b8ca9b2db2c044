"""One raw file, or the declared wide sheets, as tidy observations (inputs: the validated raw file or sheets, the
catalogue; output: the observation table, each value with its file, line and whether it enters the analysis)."""

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import read_tidy, read_wide_sheet, write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "ingest")
catalogue = load_catalogue(*snakemake.input.catalogue)
raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
frames = [read_tidy(raw)]
frames += [read_wide_sheet(spec, catalogue) for spec in snakemake.params.wide_sheets]
observations = pd.concat(frames, ignore_index=True)
observations["usable"] = observations["qualifier"].isin(snakemake.params.use_qualifiers)
observations = observations.sort_values(["entity", "indicator", "year", "file", "line"], ignore_index=True)
for qualifier, n in observations["qualifier"].value_counts().sort_index().items():
    log.info(
        "%d %s value(s)%s",
        n,
        qualifier,
        "" if qualifier in snakemake.params.use_qualifiers else " kept but left out of the analysis",
    )
write_csv(observations, snakemake.output[0])

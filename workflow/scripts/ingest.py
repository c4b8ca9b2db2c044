"""One raw file, or the declared wide sheets, as tidy observations (inputs: the raw file or sheets, the sources
table and the catalogue; outputs: for one raw file its validation report, then the observation table, each value
with its file, line and whether it enters the analysis). One raw file is checked here before it is read (a job of
its own cost a Python start per file); the wide sheets are read after validate_raw has checked them."""

import sys
from pathlib import Path

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import atomic_write_text, read_tidy, read_wide_sheet, write_csv
from porteval.runlog import rule_logger
from porteval.validate import validate_files, validation_report

log = rule_logger(snakemake.log[0], "ingest")
catalogue = load_catalogue(*snakemake.input.catalogue)
raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
if "validation" in snakemake.output.keys():
    problems = validate_files(raw, catalogue, Path(snakemake.input.sources))
    report = validation_report(problems, len(raw))
    if problems:
        log.error("%s", report)
        sys.stderr.write(report)
        sys.exit(1)
    log.info("%s", report.strip())
    atomic_write_text(snakemake.output.validation, report)
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
write_csv(observations, snakemake.output.observations)

"""The validate_raw rule (inputs: every raw file, the sources table, the catalogue and the declared wide sheets;
output: the validation report, only when there is no problem; every problem goes to the log)."""

import sys
from pathlib import Path

from porteval.catalogue import load_catalogue
from porteval.io import atomic_write_text
from porteval.validate import validate_files, validation_report

raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
wide = snakemake.params.wide_sheets
problems = validate_files(raw, load_catalogue(*snakemake.input.catalogue), Path(snakemake.input.sources), wide)
report = validation_report(problems, len(raw), len(wide))
Path(snakemake.log[0]).write_text(report, encoding="utf-8")
if problems:
    sys.stderr.write(report)
    sys.exit(1)
atomic_write_text(snakemake.output[0], report)

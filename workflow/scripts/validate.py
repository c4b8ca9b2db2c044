"""The validate rules: every problem of the raw files into the log; the output only when there is none."""

import sys
from pathlib import Path

from porteval.catalogue import load_catalogue
from porteval.io import atomic_write_text
from porteval.validate import validate_files

raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
problems = validate_files(raw, load_catalogue(*snakemake.input.catalogue), Path(snakemake.input.sources))
report = "".join(f"{p}\n" for p in problems) + f"{len(raw)} file(s) checked, {len(problems)} problem(s)\n"
Path(snakemake.log[0]).write_text(report, encoding="utf-8")
if problems:
    sys.stderr.write(report)
    sys.exit(1)
atomic_write_text(snakemake.output[0], report)

from pathlib import Path

import pandas as pd

from porteval.catalogue import load_catalogue
from porteval.io import atomic_write_text, write_csv
from porteval.runlog import rule_logger
from porteval.tables import overall_view, subsystems_view, to_markdown, weights_view

rule_logger(snakemake.log[0], "study_tables")
catalogue = load_catalogue(*snakemake.input.catalogue)
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
views = {"weights": weights_view(weights, catalogue), "overall": overall_view(scores), "subsystems": subsystems_view(scores)}
for csv_path, md_path in zip(snakemake.output.csv, snakemake.output.md, strict=True):
    view = views[Path(csv_path).stem]
    write_csv(view, csv_path)
    atomic_write_text(md_path, to_markdown(view))

"""Every study's figures in one job (inputs: each study's weights.csv, scores.csv, matrix.csv and its part of the
catalogue; outputs: results/figures/<study>/{weights,subsystems,utility}.png and .svg: porteval.figures.study_figures).
"""

from pathlib import Path

import pandas as pd

from porteval import figures
from porteval.catalogue import load_catalogue
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "study_figures")
read = {"dtype": {"comparison": str, "alternative": str}}
for name, files in snakemake.params.files.items():
    stems = {Path(p).stem: Path(p).with_suffix("") for p in files["figures"]}
    figures.study_figures(
        pd.read_csv(files["weights"], **read),
        pd.read_csv(files["scores"], **read),
        pd.read_csv(files["matrix"], **read),
        snakemake.params.studies[name],
        load_catalogue(*files["catalogue"]),
        stems,
    )
    log.info("%s: %s", name, ", ".join(stems))

"""The robustness verdict of every comparison of a study (inputs: the comparisons' robustness files, scores.csv
and weights.csv; output: summary.csv, one row per comparison with the numbers behind its verdict)."""

import pandas as pd

from porteval.io import write_csv
from porteval.robustness import comparison_verdict
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "robustness_summary")
study = snakemake.params.study
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
overall = scores[scores["scope"] == "overall"]
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
rows = []
for comparison, files in snakemake.params.files.items():  # the input files, by comparison and name
    found = {name: pd.read_csv(path, dtype={"alternative": str, "a": str, "b": str}) for name, path in files.items()}
    part = overall[overall["comparison"] == comparison]
    best = part.loc[part["rank"] == part["rank"].min(), "alternative"].iloc[0]
    w = weights[weights["comparison"] == comparison].set_index("indicator")["weight"]
    verdict = comparison_verdict(best, found, snakemake.params.imputation_method, w)
    log.info("%s: %s (%s)", comparison, verdict["verdict"], verdict["why"])
    rows.append({"study": study, "comparison": comparison, **verdict})
write_csv(pd.DataFrame(rows), snakemake.output[0])

"""Every robustness analysis of every comparison of one study, its summary and its figures (inputs: matrix.csv,
weights.csv, scores.csv, imputed.csv, breaks.csv, the study's observations, the calibration residuals and, for SMAA
split into chunks, the chunks' counts; outputs: results/robustness/<study>/<comparison>/*.csv, summary.csv and
results/figures/<study>/robustness_*.png and .svg, drawn from the files as written)."""

from pathlib import Path

import pandas as pd

from porteval import figures, robustness_run
from porteval.catalogue import load_catalogue
from porteval.inputs import read_csv
from porteval.io import read_observations, write_csv
from porteval.multiverse import CHOICES
from porteval.robustness import comparison_verdict, sampled_draws
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "robustness")
catalogue = load_catalogue(*snakemake.input.catalogue)
name, study, settings = snakemake.params.study, snakemake.params.study_config, snakemake.params.settings
matrix = pd.read_csv(snakemake.input.matrix, dtype={"alternative": str, "comparison": str})
weights = pd.read_csv(snakemake.input.weights, dtype={"comparison": str})
observations = read_observations(snakemake.input.observations)
data_inputs = {
    "usable": observations[observations["usable"]],
    "imputed": pd.read_csv(snakemake.input.imputed, keep_default_na=False, na_values=[""], dtype={"source_id": str}),
    "breaks": pd.read_csv(snakemake.input.breaks, keep_default_na=False),
    "residuals": pd.read_csv(snakemake.input.residuals),
}
read = {"dtype": {"alternative": str}}
chunks = {  # SMAA draws split into chunk jobs (robustness.smaa.chunks > 1): their counts, by comparison
    comparison: [(pd.read_csv(a, **read), pd.read_csv(c, **read)) for a, c in pairs]
    for comparison, pairs in snakemake.params.smaa_chunks.items()
}
tables = robustness_run.run(
    name, study, matrix, weights, catalogue, settings, snakemake.params.imputation, data_inputs, chunks or None,
    snakemake.params.enabled, log,
)  # fmt: skip
for (comparison, table), frame in tables.items():
    write_csv(frame, snakemake.params.files[comparison][table])
multiverse = None
if snakemake.output.multiverse:  # every combination of defensible choices (porteval.multiverse)
    published = (  # the reproduced paper's, where the study reproduces one that prints them: a shipped input, checked
        read_csv(snakemake.input.published[0]).set_index("indicator")["published_weight"] if snakemake.input.published else None
    )
    table = robustness_run.multiverse(
        study, matrix, weights, catalogue, settings["multiverse"], snakemake.params.imputation, data_inputs["usable"],
        published,
    )  # fmt: skip
    write_csv(table, snakemake.output.multiverse[0])
    multiverse = robustness_run.multiverse_outcomes(pd.read_csv(snakemake.output.multiverse[0], dtype={"comparison": str}), study)
scores = pd.read_csv(snakemake.input.scores, dtype={"comparison": str, "alternative": str})
overall = scores[scores["scope"] == "overall"]
rows, written = [], {}
for comparison, files in snakemake.params.files.items():  # read back as written, as the report reads them
    found = {table: pd.read_csv(path, dtype={"alternative": str, "a": str, "b": str}) for table, path in files.items()}
    written[comparison] = found
    part = overall[overall["comparison"] == comparison]
    best = part.loc[part["rank"] == part["rank"].min(), "alternative"].iloc[0]
    w = weights[weights["comparison"] == comparison].set_index("indicator")["weight"]
    verdict = comparison_verdict(best, found, sampled_draws(settings), w)
    log.info("%s: first %s, order %s (%s)", comparison, verdict["verdict_first"], verdict["verdict_order"], verdict["why"])
    rows.append({"study": name, "comparison": comparison, **verdict})
write_csv(pd.DataFrame(rows), snakemake.output.summary)
window = snakemake.params.window
figure_files = [p for p in snakemake.output.figures if p.endswith(".png")]
stems = {Path(p).stem.removeprefix("robustness_"): Path(p).with_suffix("") for p in figure_files}
years = None
if "years" in stems:  # every year's rank acceptability, for the figure of each year's first
    years = pd.concat([t["rank_acceptability"].astype({"comparison": str}) for c, t in written.items() if c != window])
figures.robustness_figures(written[window], years, study, stems, multiverse, CHOICES)

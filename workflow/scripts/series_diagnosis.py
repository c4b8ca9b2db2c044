"""Which of our series are the paper's (inputs: the reproducing study's matrix.csv, the published tables,
the study's observation files; outputs: series_diagnosis.csv, implied_series.csv and the ratio figure)."""

import pandas as pd

from porteval import figures
from porteval.audit import AUDIT_SEED, ROUNDING_DRAWS, read_reference
from porteval.catalogue import load_catalogue, study_window
from porteval.diagnosis import DEVIATES, MATCHES, UNDETERMINED, divergences, implied_series, series_diagnosis
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.study import comparisons

log = rule_logger(snakemake.log[0], "series_diagnosis")
catalogue = load_catalogue(*snakemake.input.catalogue)
study = snakemake.params.study_config
ref = read_reference(snakemake.input.reference)
matrix = pd.read_csv(snakemake.input.matrix, dtype={"comparison": str, "alternative": str})
wide = dict(comparisons(matrix))[study_window(study)]
published = ref["table2_weights"].set_index("indicator")["published_weight"]
diagnosis = series_diagnosis(divergences(wide), published, catalogue).assign(study=snakemake.params.study)
for r in diagnosis[diagnosis["verdict"] != "missing"].itertuples():
    log.info("%s %s: ratio %.3f (%.3f to %.3f)", r.indicator, r.verdict, r.ratio, r.ratio_low, r.ratio_high)
observations = read_observations(snakemake.input.observations)
implied = implied_series(
    ref["table2_weights"],
    ref["table3_subsystems"],
    ref["table4_overall"],
    catalogue,
    observations,
    study["ports"][0],
    ROUNDING_DRAWS,
    AUDIT_SEED,
)
write_csv(diagnosis, snakemake.output.diagnosis)
write_csv(implied, snakemake.output.implied)
shown = diagnosis[diagnosis["verdict"].isin([MATCHES, DEVIATES, UNDETERMINED])].assign(
    label=lambda d: d["indicator"] + " " + d["indicator"].map(catalogue.indicators["name"]).str.slice(0, 28)
)
colors = {MATCHES: "#2b6c9e", DEVIATES: "#c0392b", UNDETERMINED: "#888888"}
fig = figures.ratio_intervals(
    shown,
    "Our entropy divergence over D-hat x published weight (1 = the paper's series)",
    "d_j / (D-hat w_j), with the range the published rounding allows",
    colors,
)
figures.save(fig, snakemake.output.figure[0][:-4])

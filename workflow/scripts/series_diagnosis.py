"""Which of our series are the paper's (inputs: the reproducing study's matrix.csv, the published tables,
the study's observation files; outputs: series_diagnosis.csv, implied_series.csv and the ratio figure)."""

import pandas as pd

from porteval import figures
from porteval.audit import AUDIT_SEED, ROUNDING_DRAWS, read_reference
from porteval.catalogue import load_catalogue, study_window
from porteval.diagnosis import (
    DEVIATES,
    EDGE,
    MATCHES,
    UNDETERMINED,
    divergences,
    implied_series,
    paper_scale,
    series_diagnosis,
    window_divergences,
)
from porteval.io import read_observations, write_csv
from porteval.papers import paper_indicators
from porteval.runlog import rule_logger
from porteval.study import comparisons

log = rule_logger(snakemake.log[0], "series_diagnosis")
catalogue = load_catalogue(*snakemake.input.catalogue)
study = snakemake.params.study_config
ref = read_reference(snakemake.input.reference)
matrix = pd.read_csv(snakemake.input.matrix, dtype={"comparison": str, "alternative": str})
wide = dict(comparisons(matrix))[study_window(study)]
published = ref["table2_weights"].set_index("indicator")["published_weight"]
indicators = paper_indicators("zeng2022_longitudinal")
observations = read_observations(snakemake.input.observations)
usable = observations[observations["usable"].astype(bool)]
t2, t3, t4 = ref["table2_weights"], ref["table3_subsystems"], ref["table4_overall"]
scale = paper_scale(t2, t3, t4, indicators, ROUNDING_DRAWS, AUDIT_SEED)
log.info("the paper's D = %.4f (central 95 %% over roundings %.4f to %.4f)", *scale)
pool = window_divergences(usable, len(wide))
diagnosis = series_diagnosis(divergences(wide), published, indicators, scale, pool).assign(study=snakemake.params.study)
for r in diagnosis[diagnosis["verdict"] != "missing"].itertuples():
    log.info("%s %s: ratio %.3f (%.3f to %.3f)", r.indicator, r.verdict, r.ratio, r.ratio_low, r.ratio_high)
implied = implied_series(t2, t3, t4, indicators, observations, study["ports"][0], ROUNDING_DRAWS, AUDIT_SEED)
write_csv(diagnosis, snakemake.output.diagnosis)
write_csv(implied, snakemake.output.implied)
shown = diagnosis[diagnosis["verdict"].isin([MATCHES, EDGE, DEVIATES, UNDETERMINED])].assign(
    label=lambda d: d["indicator"] + " " + d["indicator"].map(catalogue.indicators["name"]).str.slice(0, 28)
)
colors = {MATCHES: "#2b6c9e", EDGE: "#7fa7c9", DEVIATES: "#c0392b", UNDETERMINED: "#888888"}
fig = figures.ratio_intervals(
    shown,
    "Our entropy divergence over D x published weight (D: the paper's own, from Tables 2-4; 1 = the paper's series)",
    "d_j / (D w_j), with the range the published rounding allows",
    colors,
)
figures.save(fig, snakemake.output.figure[0][:-4])

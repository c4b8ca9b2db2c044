"""Data uncertainty of one comparison by cell status, for each imputation method, and the level-break scenarios
(inputs: matrix.csv, weights.csv, the study's observations, imputed.csv and breaks.csv, the calibration residuals; outputs:
data_uncertainty.csv, data_drivers.csv, break_scenarios.csv)."""

import pandas as pd

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.impute import impute_observations
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.study import study_cells
from porteval.window import read_comparison

log = rule_logger(snakemake.log[0], "robustness_data")
catalogue = load_catalogue(*snakemake.input.catalogue)
study, settings, imputation = snakemake.params.study_config, snakemake.params.settings, snakemake.params.imputation
comparison = snakemake.params.comparison
alternatives, codes, x, types, _ = read_comparison(snakemake.input.matrix, snakemake.input.weights, comparison, catalogue)
breaks = pd.read_csv(snakemake.input.breaks, keep_default_na=False)
observations = read_observations(snakemake.input.observations)
usable = observations[observations["usable"]]
grid = study_cells(study, catalogue)[["entity", "indicator", "year"]].drop_duplicates()
residuals = pd.read_csv(snakemake.input.residuals)
errors = settings["relative_error"]
labels = {"study": snakemake.params.study, "comparison": comparison}
summaries, drivers = [], []
for method in settings["imputation_methods"]:
    filled = impute_observations(usable, grid, method, imputation["min_observed"], imputation["max_extrapolation"])
    cells = rb.comparison_cells(filled, breaks, study, comparison, codes, catalogue, errors, usable, residuals)
    if cells["value"].isna().any():
        log.warning("%s imputation cannot fill every cell of the comparison; left out of this analysis", method)
        continue
    factors = rb.draw_factors(cells, residuals, settings["draws"], settings["seed"])
    summary, driver = rb.status_uncertainty(cells, alternatives, codes, types, factors)
    summaries.append(summary.assign(imputation=method))
    drivers.append(driver.assign(imputation=method))
imputed = pd.read_csv(snakemake.input.imputed, keep_default_na=False, na_values=[""], dtype={"source_id": str})
cells = rb.comparison_cells(imputed, breaks, study, comparison, codes, catalogue, errors, usable, residuals)
readings = [
    (label, reading, rb.comparison_cells(again, breaks, study, comparison, codes, catalogue, errors, usable, residuals))
    for label, reading, again in rb.break_imputations(usable, imputed, breaks, imputation)
]
scenarios = rb.break_scenarios(cells, readings, alternatives, codes, types)
for _, row in scenarios[scenarios["rank"] != scenarios["baseline_rank"]].iterrows():
    log.info("%s %s: %s rank %d -> %d", row["break"], row["scenario"], row["alternative"], row["baseline_rank"], row["rank"])
write_csv(pd.concat(summaries, ignore_index=True).assign(**labels), snakemake.output.summary)
write_csv(pd.concat(drivers, ignore_index=True).assign(**labels), snakemake.output.drivers)
write_csv(scenarios.assign(**labels), snakemake.output.scenarios)

from porteval.catalogue import load_catalogue
from porteval.impute import impute_observations
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.study import study_cells

log = rule_logger(snakemake.log[0], "impute")
catalogue = load_catalogue(*snakemake.input.catalogue)
params = snakemake.params.imputation
observations = read_observations(snakemake.input.observations)
usable = observations[observations["usable"]]
cells = study_cells(snakemake.params.study, catalogue)[["entity", "indicator", "year"]].drop_duplicates()
imputed = impute_observations(usable, cells, params["method"], params["min_observed"])
for status, n in imputed["status"].value_counts().sort_index().items():
    log.info("%d cell(s) %s", n, status)
for (entity, code), part in imputed[imputed["reason"] != ""].groupby(["entity", "indicator"]):
    log.info("%s %s cannot be filled: %s", entity, code, part["reason"].iloc[0])
write_csv(imputed, snakemake.output[0])

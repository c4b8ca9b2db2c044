"""The papers' claims, each answered by the paper's own tables (whole and restricted to our indicators), by our data,
under each robustness analysis and across the multiverse (inputs, per reproducing study: scores.csv, weights.csv,
imputed.csv, breaks.csv, its observation files and multiverse.csv; the calibration residuals; the published tables;
outputs: results/reproduction/claims.csv and .md, claims_multiverse.csv, claims_multiverse_choices.csv)."""

import pandas as pd

from porteval import figures
from porteval.audit import read_reference
from porteval.catalogue import load_catalogue
from porteval.claim_draws import answer_claims
from porteval.io import read_observations, write_csv
from porteval.names import Names
from porteval.papers import read_yaml
from porteval.runlog import rule_logger
from porteval.tables import write_tables

log = rule_logger(snakemake.log[0], "claims")
catalogue = load_catalogue(*snakemake.input.catalogue)
published = read_reference(snakemake.input.reference, dtype=str)  # as printed: trailing zeros are precision
settings, imputation = snakemake.params.settings, snakemake.params.imputation
residuals = pd.read_csv(snakemake.input.residuals)
tables, multiverses, deciding = [], [], []
for paper, spec in snakemake.params.papers.items():  # the input files, by paper
    study, files = spec["study_config"], spec["files"]
    scores = pd.read_csv(files["scores"], dtype={"comparison": str, "alternative": str})
    weights = pd.read_csv(files["weights"], dtype={"comparison": str})
    imputed = pd.read_csv(files["imputed"], keep_default_na=False, na_values=[""], dtype={"source_id": str})
    breaks = pd.read_csv(files["breaks"], keep_default_na=False)
    observations = read_observations(files["observations"])
    inputs = {"usable": observations[observations["usable"]], "imputed": imputed, "breaks": breaks, "residuals": residuals}
    multiverse = pd.read_csv(files["multiverse"][0], dtype={"comparison": str}) if files["multiverse"] else None
    table, in_multiverse, choices = answer_claims(
        paper, published, scores, inputs, weights, study, catalogue, settings, imputation, multiverse
    )
    if in_multiverse is not None:
        multiverses.append(in_multiverse.assign(study=spec["study"]))
        deciding.append(choices.assign(study=spec["study"]))
    for r in table.itertuples():
        log.info("%s: paper's tables %s (p %.3f), our data %s: %s", r.id, r.paper_tables, r.p_paper_tables, r.ours, r.decision)
    tables.append(table.assign(study=spec["study"]))
claims = pd.concat(tables, ignore_index=True)
write_csv(claims, snakemake.output.csv)
write_csv(pd.concat(multiverses, ignore_index=True) if multiverses else pd.DataFrame(), snakemake.output.multiverse)
write_csv(pd.concat(deciding, ignore_index=True) if deciding else pd.DataFrame(), snakemake.output.choices)
write_tables({"claims": claims}, [snakemake.output.csv, snakemake.output.md])
names = Names(read_yaml(snakemake.input.catalogue[0]))  # the catalogue's indicators.yaml: codes shown by name
figures.save(
    figures.claims_matrix(pd.read_csv(snakemake.output.csv, dtype={"section": str}), names.in_words), snakemake.output.figure[:-4]
)

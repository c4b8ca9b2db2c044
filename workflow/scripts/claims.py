"""The papers' claims, each answered by the paper's own tables, by our data and under each robustness analysis
(inputs, per reproducing study: scores.csv, weights.csv, imputed.csv, breaks.csv, its observation files; the
calibration residuals; the published tables; output: results/reproduction/claims.csv and .md)."""

import pandas as pd

from porteval.audit import read_reference
from porteval.catalogue import load_catalogue
from porteval.claim_draws import answer_claims
from porteval.io import read_observations, write_csv
from porteval.runlog import rule_logger
from porteval.tables import write_tables

log = rule_logger(snakemake.log[0], "claims")
catalogue = load_catalogue(*snakemake.input.catalogue)
published = read_reference(snakemake.input.reference, dtype=str)  # as printed: trailing zeros are precision
settings, imputation = snakemake.params.settings, snakemake.params.imputation
residuals = pd.read_csv(snakemake.input.residuals)
answers = []
for paper, spec in snakemake.params.papers.items():  # the input files, by paper
    study, files = spec["study_config"], spec["files"]
    scores = pd.read_csv(files["scores"], dtype={"comparison": str, "alternative": str})
    weights = pd.read_csv(files["weights"], dtype={"comparison": str})
    imputed = pd.read_csv(files["imputed"], keep_default_na=False, na_values=[""], dtype={"source_id": str})
    breaks = pd.read_csv(files["breaks"], keep_default_na=False)
    observations = read_observations(files["observations"])
    inputs = {"usable": observations[observations["usable"]], "imputed": imputed, "breaks": breaks, "residuals": residuals}
    table = answer_claims(paper, published, scores, inputs, weights, study, catalogue, settings, imputation)
    for r in table.itertuples():
        log.info("%s: paper's tables %s (p %.3f), our data %s: %s", r.id, r.paper_tables, r.p_paper_tables, r.ours, r.decision)
    answers.append(table.assign(study=spec["study"]))
claims = pd.concat(answers, ignore_index=True)
write_csv(claims, snakemake.output.csv)
write_tables({"claims": claims}, snakemake.output)

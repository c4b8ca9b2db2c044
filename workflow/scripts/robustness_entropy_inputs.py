"""Entropy weights of one comparison on raw, min-max and reciprocal-cost data, and the ranks they give (inputs:
matrix.csv, weights.csv; output: entropy_inputs.csv)."""

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.window import read_comparison

rule_logger(snakemake.log[0], "robustness_entropy_inputs")
catalogue = load_catalogue(*snakemake.input.catalogue)
alternatives, codes, x, types, _ = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
out = rb.entropy_variants(x, types, codes)
ranks = out["kind"] == "rank"
out.loc[ranks, "item"] = out.loc[ranks, "item"].map(dict(enumerate(alternatives)))
write_csv(out.assign(study=snakemake.params.study, comparison=snakemake.params.comparison), snakemake.output[0])

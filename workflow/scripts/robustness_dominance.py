"""Which alternatives of one comparison dominate which (inputs: matrix.csv, weights.csv; output: dominance.csv,
one row per pair, and whether dominance alone fixes the ranking)."""

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.window import read_comparison

log = rule_logger(snakemake.log[0], "robustness_dominance")
catalogue = load_catalogue(*snakemake.input.catalogue)
alternatives, codes, x, types, _ = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
pairs = rb.dominance(x, types)
fixed = rb.fixed_by_dominance(pairs)
log.info("%d dominance relation(s); ranking fixed by dominance: %s", int(pairs["dominates"].sum()), fixed)
label = dict(enumerate(alternatives))
out = pairs.assign(
    study=snakemake.params.study,
    comparison=snakemake.params.comparison,
    a=pairs["a"].map(label),
    b=pairs["b"].map(label),
    ranking_fixed_by_dominance=fixed,
)
write_csv(out[["study", "comparison", "a", "b", "dominates", "ranking_fixed_by_dominance"]], snakemake.output[0])

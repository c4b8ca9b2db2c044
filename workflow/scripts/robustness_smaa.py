"""One chunk of SMAA draws on one comparison, for a cluster (inputs: the study's matrix.csv and weights.csv;
outputs: rank acceptability counts and central weights of the chunk; the study's robustness job merges them)."""

from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.robustness_run import smaa_chunk
from porteval.runlog import rule_logger
from porteval.window import read_comparison

rule_logger(snakemake.log[0], "robustness_smaa")
catalogue = load_catalogue(*snakemake.input.catalogue)
alternatives, codes, x, types, w = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
acc, central = smaa_chunk(alternatives, codes, x, types, w, snakemake.params.settings, int(snakemake.params.chunk))
write_csv(acc, snakemake.output.acceptability)
write_csv(central, snakemake.output.central)

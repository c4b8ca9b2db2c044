"""One chunk of SMAA draws on one comparison (inputs: the study's matrix.csv and weights.csv; outputs: rank
acceptability counts and central weights of the chunk)."""

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.window import read_comparison

rule_logger(snakemake.log[0], "robustness_smaa")
catalogue = load_catalogue(*snakemake.input.catalogue)
settings = snakemake.params.settings
alternatives, codes, x, types, w = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
chunk = int(snakemake.params.chunk)
acc, central = rb.smaa(x, w, types, settings["draws"], settings["concentration"], settings["seed"], chunk, settings["chunks"])
acc["alternative"] = acc["alternative"].map(dict(enumerate(alternatives)))
central["alternative"] = central["alternative"].map(dict(enumerate(alternatives)))
central["indicator"] = central["indicator"].map(dict(enumerate(codes)))
write_csv(acc, snakemake.output.acceptability)
write_csv(central, snakemake.output.central)

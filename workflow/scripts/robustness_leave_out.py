"""Ranks of one comparison with one indicator, or one subsystem, left out, and its rank reversal tests (inputs:
matrix.csv, weights.csv; outputs: leave_out.csv, rank_reversal.csv)."""

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.window import read_comparison

rule_logger(snakemake.log[0], "robustness_leave_out")
catalogue = load_catalogue(*snakemake.input.catalogue)
alternatives, codes, x, types, _ = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
out = rb.leave_out(x, types, codes, catalogue.indicators["subsystem"].to_dict())
out["alternative"] = out["alternative"].map(dict(enumerate(alternatives)))
labels = {"study": snakemake.params.study, "comparison": snakemake.params.comparison}
write_csv(out.assign(**labels), snakemake.output.leave_out)
write_csv(rb.rank_reversal(x, types, alternatives).assign(**labels), snakemake.output.rank_reversal)

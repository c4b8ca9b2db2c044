"""Other methods on one comparison with the same weights (inputs: matrix.csv, weights.csv; outputs:
method_ranks.csv, method_agreement.csv, vikor.csv with S, R, Q, both conditions and the compromise set)."""

from porteval import robustness as rb
from porteval.catalogue import load_catalogue
from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.window import read_comparison

log = rule_logger(snakemake.log[0], "robustness_methods")
catalogue = load_catalogue(*snakemake.input.catalogue)
alternatives, codes, x, types, w = read_comparison(
    snakemake.input.matrix, snakemake.input.weights, snakemake.params.comparison, catalogue
)
labels = {"study": snakemake.params.study, "comparison": snakemake.params.comparison}
ranks = rb.method_ranks(x, w, types, snakemake.params.settings["names"])
vikor = rb.vikor_table(x, w, types)
vikor["alternative"] = vikor["alternative"].map(dict(enumerate(alternatives)))
compromise = list(vikor.loc[vikor["in_compromise_set"], "alternative"])
log.info(
    "VIKOR: C1 %s, C2 %s, compromise set %s",
    vikor["c1_acceptable_advantage"].iloc[0],
    vikor["c2_acceptable_stability"].iloc[0],
    compromise,
)
write_csv(ranks.assign(alternative=alternatives, **labels), snakemake.output.ranks)
write_csv(rb.agreement(ranks).assign(**labels), snakemake.output.agreement)
write_csv(vikor.assign(**labels), snakemake.output.vikor)

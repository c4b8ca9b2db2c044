"""The chunks of one comparison's SMAA draws merged (inputs: the chunks; outputs: rank_acceptability.csv and
central_weights.csv)."""

import pandas as pd

from porteval.io import write_csv
from porteval.robustness import merge_smaa
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "robustness_smaa_merge")
read = {"dtype": {"alternative": str}}
acc, central = merge_smaa(
    [pd.read_csv(p, **read) for p in snakemake.input.acceptability], [pd.read_csv(p, **read) for p in snakemake.input.central]
)
labels = {"study": snakemake.params.study, "comparison": snakemake.params.comparison}
write_csv(acc.assign(**labels)[["study", "comparison", "sampling", "alternative", "rank", "probability"]], snakemake.output[0])
write_csv(central.assign(**labels), snakemake.output[1])

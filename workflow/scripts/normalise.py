"""Sum-normalised matrices (input: matrix.csv; output: normalised.csv)."""

import pandas as pd

from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.study import normalised

rule_logger(snakemake.log[0], "normalise")
matrix = pd.read_csv(snakemake.input.matrix, dtype={"alternative": str, "comparison": str})
write_csv(normalised(matrix), snakemake.output[0])

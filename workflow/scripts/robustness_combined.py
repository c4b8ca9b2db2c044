import pandas as pd

from porteval.io import write_csv
from porteval.runlog import rule_logger

rule_logger(snakemake.log[0], "robustness_combined")
for key in ("acceptability", "agreement"):
    paths = snakemake.input[key]
    table = pd.concat([pd.read_csv(p, dtype={"alternative": str}) for p in paths], ignore_index=True) if paths else pd.DataFrame()
    write_csv(table, snakemake.output[key])

"""The cells one study needs, from the entities' filled series (inputs: imputed/*.csv, breaks/*.csv; outputs:
the study's imputed.csv and breaks.csv)."""

import pandas as pd

from porteval.io import write_csv
from porteval.runlog import rule_logger
from porteval.study import study_breaks, study_imputed

log = rule_logger(snakemake.log[0], "study_cells")
study = snakemake.params.study_config
read = {"keep_default_na": False, "na_values": [""], "dtype": {"source_id": str, "reason": str}}
imputed = study_imputed(pd.concat([pd.read_csv(p, **read) for p in snakemake.input.imputed], ignore_index=True), study)
breaks = pd.concat([pd.read_csv(p, keep_default_na=False) for p in snakemake.input.breaks], ignore_index=True)
breaks = study_breaks(breaks, study)
for status, n in imputed["status"].value_counts().sort_index().items():
    log.info("%d cell(s) %s", n, status)
for b in breaks.itertuples():
    log.warning("level break: %s %s %d->%d %+.1f%% (%s)", b.entity, b.indicator, b.year_before, b.year, 100 * b.change, b.why)
write_csv(imputed, snakemake.output.imputed)
write_csv(breaks, snakemake.output.breaks)

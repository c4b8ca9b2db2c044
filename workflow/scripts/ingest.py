"""A raw file named after no entity, or the declared wide sheets, as tidy observations (inputs: the raw file or
sheets, the sources table and the catalogue; outputs: for a raw file its validation report, then the observation
table, each value with its file, line and whether it enters the analysis). Each is checked before it is read (the
run stops on any problem). A file named after an entity is read by that entity's job (entity.py)."""

from porteval.catalogue import load_catalogue
from porteval.data_run import check_or_stop, observations_table
from porteval.io import atomic_write_text, write_csv
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "ingest")
catalogue = load_catalogue(*snakemake.input.catalogue)
raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
report = check_or_stop(raw, catalogue, snakemake.input.sources, log, snakemake.params.wide_sheets)
if "validation" in snakemake.output.keys():
    atomic_write_text(snakemake.output.validation, report)
observations = observations_table(raw, snakemake.params.wide_sheets, catalogue, snakemake.params.use_qualifiers, log)
write_csv(observations, snakemake.output.observations)

"""One entity's data (inputs: the raw files named after it, the observations of the files named after no entity,
the sources table, its part of the catalogue; outputs: its files' validation report and observations, then its
filled cells and level breaks, filled from its observation file as written: porteval.data_run)."""

from porteval.catalogue import load_catalogue
from porteval.data_run import check_or_stop, fill_entity, observations_table
from porteval.io import atomic_write_text, read_observations, write_csv
from porteval.runlog import rule_logger

spec = snakemake.params.entity
log = rule_logger(snakemake.log[0], f"entity {spec['entity']}")
catalogue = load_catalogue(*snakemake.input.catalogue)
raw = list(snakemake.input.raw)
atomic_write_text(snakemake.output.validation, check_or_stop(raw, catalogue, snakemake.input.sources, log))
own = observations_table(raw, [], catalogue, snakemake.params.use_qualifiers, log)
write_csv(own, snakemake.output.observations)
observations = read_observations([snakemake.output.observations, *snakemake.input.observations])
imputed, breaks = fill_entity(observations, spec, snakemake.params.imputation, snakemake.params.break_threshold, log)
write_csv(imputed, snakemake.output.imputed)
write_csv(breaks, snakemake.output.breaks)

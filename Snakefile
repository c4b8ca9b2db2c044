# Entropy-COPRAS evaluation of port logistics: Zeng et al. (2022) and Zhang, re-done from raw statistics.
# Run: snakemake --cores 4. Every step writes its own files under results/ (see docs/usage.md).
import sys
from pathlib import Path

from snakemake.utils import min_version

from porteval.catalogue import ConfigError
from porteval.inputs import InputError

try:  # the papers' registry, read and checked as the package reads it: a mistake in one line naming its key
    import porteval.papers
except InputError as _err:
    raise ConfigError(str(_err)) from None
from porteval.configcheck import check_yaml
from porteval.interrupt import one_interrupt
from porteval.report import keep_last_report, mark_stale, restore_last_report

min_version("9.0")

if workflow.is_main_process:
    one_interrupt()  # a second Ctrl-C no longer breaks Snakemake's clean-up


# --configfile replaces the default config instead of being merged into it (Snakemake's default), so that a study
# renamed or left out there is not run under its old name too.
if not workflow.overwrite_configfiles:
    check_yaml("config/config.yaml")  # a syntax error named by line and column; no __use_yte__

    configfile: "config/config.yaml"

else:
    # Snakemake has loaded these already (a config file is trusted like code: docs/usage.md); refuse to go on with one
    # that asks for its values to be evaluated.
    for _path in workflow.overwrite_configfiles:
        check_yaml(_path)


report: "workflow/report/workflow.rst"


onstart:
    # A run that does anything makes a new provenance record at its end; until then there is none, so that a
    # run that fails half-way leaves no record describing inputs that some result was not made from.
    Path("results/ro-crate-metadata.json").unlink(missing_ok=True)
    keep_last_report()  # put back by onerror if the report job is interrupted or fails


onerror:
    # The failed job's outputs are gone, the older files made from them are not: the earlier report (put back if
    # the report job itself failed or was interrupted) says so.
    restore_last_report()
    if mark_stale("results/report/report.html", log):
        print(
            "porteval: results/report/report.html is from an earlier run and now says so",
            file=sys.stderr,
        )


include: "workflow/rules/common.smk"
include: "workflow/rules/targets.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/study.smk"
include: "workflow/rules/outputs.smk"
include: "workflow/rules/reproduction.smk"
include: "workflow/rules/robustness.smk"
include: "workflow/rules/report.smk"


# On a cluster only the heavy steps are submitted as jobs (profiles/slurm): each study's robustness job (and its
# SMAA chunks, when split), each entity's data job and the report. The many small steps run where Snakemake runs; each would cost a submission and a poll.
localrules:
    all,
    ingest,
    ingest_wide_sheets,
    data_summary,
    study,
    study_figures,
    reproduce,
    audit_trail,
    provenance,
    error_calibration,
    claims,


rule all:
    default_target: True
    input:
        final_outputs(),
        DAMAGED,

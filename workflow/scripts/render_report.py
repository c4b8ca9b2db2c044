"""The report (inputs: the notebook and every file it shows; outputs: the executed notebook and self-contained
HTML). The notebook gets the studies, their settings, the files of this run and the facts of the run (git commit,
versions) as parameters, and reads nothing else."""

import json
import tempfile
from pathlib import Path

import nbformat
import papermill
from traitlets.config import Config

from porteval.io import atomic_write_text
from porteval.notebook import kernel_logging_to, strip_volatile, to_html
from porteval.provenance import run_facts
from porteval.requirements import benchmark_files, hardware, run_time
from porteval.runlog import rule_logger

log = rule_logger(snakemake.log[0], "report")
parameters = {
    "files_json": json.dumps(dict(snakemake.params.files), sort_keys=True),
    "studies_json": json.dumps(dict(snakemake.params.studies), sort_keys=True),
    "settings_json": json.dumps(dict(snakemake.params.settings), sort_keys=True),
    "run_json": json.dumps(
        {
            **run_facts(),
            "title": snakemake.params.title,
            "hardware": hardware(),
            "time": run_time(benchmark_files(Path("benchmarks/rules"), snakemake.params.studies)),
        },
        sort_keys=True,
    ),
}
with tempfile.TemporaryDirectory() as tmp, open(snakemake.log[0], "a", encoding="utf-8") as kernel_log:
    executed = Path(tmp) / "report.ipynb"
    papermill.execute_notebook(
        snakemake.input.notebook,
        str(executed),
        kernel_name="python3",
        parameters=parameters,
        cwd=str(Path.cwd()),
        progress_bar=False,
        log_output=True,
        # Written once, when the run ends (a failing cell included): saving after every cell wrote the whole
        # notebook, figures and all, 66 times (1.6 CPU-seconds).
        request_save_on_cell_execute=False,
        # The kernel talks to papermill over local IPC sockets, not TCP: nothing listens on a port, and the kernel
        # has no reason to warn that TCP is unencrypted.
        config=Config({"KernelManager": {"transport": "ipc"}}),
        kernel_manager_class=kernel_logging_to(kernel_log),
    )
    nb = strip_volatile(nbformat.read(executed, as_version=4))
atomic_write_text(snakemake.output.notebook, nbformat.writes(nb) + "\n")
atomic_write_text(snakemake.output.html, to_html(nb, snakemake.params.title))
log.info("report rendered")

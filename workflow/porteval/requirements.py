"""The report's computational requirements, as the AEA data editor's template asks for them: the software and its
versions, the hardware of this run, its run time and CPU time, how to reproduce it, and the settings it used.

The times come from the benchmark files Snakemake writes for each job (the rules' ``benchmark:``), summed over the
jobs of this run's studies and stated in the template's classes ("under 10 minutes" ...): the seconds differ from
run to run, and the report of two identical runs is the same bytes. The seconds stay in benchmarks/rules/."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

import pandas as pd

# How to reproduce a run, in two commands (README, Quick start; tests/test_recipes.py holds the two together).
REPRODUCE = (
    'PIP_CONSTRAINT="$PWD/requirements.lock" python -m pip install -e ".[test]"',
    "snakemake --cores 4",
)
# The AEA template's classes of the time a reproduction takes, by their upper bound in seconds.
TIME_CLASSES = (
    (600, "under 10 minutes"),
    (3600, "10-60 minutes"),
    (7200, "1-2 hours"),
    (28800, "2-8 hours"),
    (86400, "8-24 hours"),
    (259200, "1-3 days"),
    (1209600, "3-14 days"),
)
# The jobs whose benchmark is not yet written when the report is made: the report itself and what comes after it.
AFTER_REPORT = {"report.tsv", "provenance.tsv"}
# The packages the report names, in this order: the workflow engine, then what computes and what renders.
MAIN_PACKAGES = ("snakemake", "numpy", "scipy", "pandas", "matplotlib", "papermill", "nbconvert", "rocrate")


def time_class(seconds: float) -> str:
    """The AEA template's class of a duration: "under 10 minutes", "10-60 minutes", ... "over 14 days"."""
    for bound, name in TIME_CLASSES:
        if seconds < bound:
            return name
    return "over 14 days"


def benchmark_files(folder: Path, studies) -> list[Path]:
    """The benchmark files of this run's jobs under ``folder`` (benchmarks/rules): every job's but the report's
    and the provenance's, and of the per-study jobs only those of ``studies`` (an earlier config's studies leave
    theirs behind)."""
    studies = set(studies)
    kept = []
    for path in sorted(Path(folder).rglob("*.tsv")):
        parts = path.relative_to(folder).parts
        if len(parts) == 1 and parts[0] in AFTER_REPORT:
            continue
        if parts[0] in ("study", "robustness") and Path(parts[1]).stem not in studies:
            continue
        kept.append(path)
    return kept


def run_time(files: list[Path]) -> dict:
    """How many jobs, and the classes of their wall-clock seconds (``s``) and CPU seconds (``cpu_time``) summed:
    the time on one core, an upper bound of the run's elapsed time on several."""
    rows = [pd.read_csv(f, sep="\t").iloc[-1] for f in files]
    wall = sum(float(r["s"]) for r in rows)
    cpu = sum(float(r["cpu_time"]) for r in rows if pd.notna(r.get("cpu_time")))
    return {"jobs": len(rows), "wall": time_class(wall), "cpu": time_class(cpu)}


def hardware() -> dict:
    """The machine of this run: system, processor, logical cores and memory (GB, rounded to a whole number)."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = names[0] if names else cpu
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9)
    except (ValueError, OSError, AttributeError):
        memory = None
    return {"system": f"{platform.system()} {platform.machine()}", "cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory}


def locked_versions(lock: Path) -> dict[str, str]:
    """The versions requirements.lock pins, by lower-case package name, and Python's as its first line names it
    ("... with Python 3.11, ...")."""
    text = Path(lock).read_text(encoding="utf-8")
    python = re.search(r"Python (\d+\.\d+)", text.split("\n", 1)[0])
    pins = {"python": python.group(1)} if python else {}
    for line in text.splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins


def software_sentence(installed: dict[str, str], locked: dict[str, str], python: str) -> str:
    """The main packages with the version this run used and, where it differs, the one requirements.lock pins
    (tested by CI), in one sentence."""

    def named(name, used, tested):
        return f"{name} {used}" + (f" (tested: {tested})" if tested and tested != used else "")

    parts = [named("Python", python, locked.get("python") if not python.startswith(locked.get("python", "")) else None)]
    parts += [named(n, installed.get(n, "not installed"), locked.get(n)) for n in MAIN_PACKAGES]
    where = "requirements.lock pins the versions CI tests" if locked else "no requirements.lock beside this run"
    return f"**Software of this run:** {', '.join(parts)} ({where}; every version in `results/ro-crate-metadata.json`)."


def settings_table(settings: dict, robust_share: float) -> pd.DataFrame:
    """This run's settings that decide its numbers, each with its config key: the draws and seeds of the robustness
    analyses, the thresholds, the imputation and its extrapolation cap, the weighting."""
    robustness, imputation = settings["robustness"], settings["imputation"]
    smaa, data = robustness["smaa"], robustness["data"]
    rows = [
        ("weighting", settings["weighting"]["mode"], "weighting.mode"),
        ("imputation method", imputation["method"], "imputation.method"),
        ("extrapolation cap (years)", imputation["max_extrapolation"], "imputation.max_extrapolation"),
        ("level-break threshold (change a year)", f"{settings['level_break_threshold']:.0%}", "data.level_break_threshold"),
        ("weight draws (SMAA)", f"{smaa['draws']:,}" if smaa["enabled"] else "off", "robustness.smaa.draws"),
        ("seed of the weight draws", smaa["seed"], "robustness.smaa.seed"),
        ("Dirichlet concentration (default)", smaa["concentration"], "robustness.smaa.concentration"),
        ("data draws", f"{data['draws']:,}" if data["enabled"] else "off", "robustness.data.draws"),
        ("seed of the data draws", data["seed"], "robustness.data.seed"),
        ("imputation methods of the data draws", ", ".join(data["imputation_methods"]), "robustness.data.imputation_methods"),
        ("share of draws a robust result holds in", f"{robust_share:.0%}", "porteval.robustness.HOLDS_FIRST"),
    ]
    return pd.DataFrame(rows, columns=["setting", "value", "config key"]).astype({"value": str})


def settings_sentence(settings: dict, robust_share: float) -> str:
    """settings_table in one sentence, each value with its config key (a table of eleven rows took a third of a
    printed page)."""
    rows = settings_table(settings, robust_share)
    said = "; ".join(f"{r.setting} {r.value} (`{r._3}`)" for r in rows.itertuples())
    return f"**Settings of this run** (`config/README.md` describes each key): {said}."


def requirements_text(time: dict, machine: dict) -> str:
    """The run time and the hardware in words."""
    memory = f", {machine['memory_gb']} GB of memory" if machine.get("memory_gb") else ""
    return (
        f"**Hardware of this run:** {machine['system']}, {machine['cpu']}, {machine['cores']} logical cores{memory}. "
        f"**Time:** the {time['jobs']} jobs before this report took {time['wall']} of wall-clock time summed over the "
        f"jobs (the time on one core) and {time['cpu']} of CPU time, by Snakemake's benchmark of each job, in the AEA "
        "template's classes (identical runs, identical reports; seconds, dated: `benchmarks/RESULTS.md`). **To "
        f"reproduce it** from a clone: `{REPRODUCE[0]}` then `{REPRODUCE[1]}`."
    )

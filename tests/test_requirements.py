"""porteval.requirements: the report's computational requirements are read from the run (benchmark files, the lock,
the settings) and change with them."""

import pandas as pd
import pytest

from porteval.requirements import (
    benchmark_files,
    locked_versions,
    run_time,
    settings_sentence,
    settings_table,
    software_sentence,
    time_class,
)

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


@pytest.mark.parametrize(
    ("seconds", "name"),
    [(0, "under 10 minutes"), (599, "under 10 minutes"), (600, "10-60 minutes"), (5000, "1-2 hours"), (2e6, "over 14 days")],
)
def test_a_duration_falls_in_the_aea_templates_class(seconds, name):
    assert time_class(seconds) == name


def test_the_run_time_sums_this_runs_jobs_and_leaves_out_other_studies_and_the_report(tmp_path):
    folder = tmp_path / "benchmarks/rules"
    for path, (wall, cpu) in {
        "claims.tsv": (300, 200),
        "report.tsv": (5000, 5000),  # the previous run's report: not this run's
        "study/mine.tsv": (250, 100),
        "study/gone.tsv": (9000, 9000),  # a study an earlier config had
        "robustness/mine/2014/smaa_0.tsv": (100, 350),
        "entity/ningbo.tsv": (10, 10),
    }.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(HEADER + f"{wall}\t0:00:00\t1\t1\t1\t1\t0\t0\t0\t{cpu}\n", encoding="utf-8")
    files = benchmark_files(folder, ["mine"])
    assert sorted(str(f.relative_to(folder)) for f in files) == [
        "claims.tsv",
        "entity/ningbo.tsv",
        "robustness/mine/2014/smaa_0.tsv",
        "study/mine.tsv",
    ]
    # 660 s of wall-clock time in all, 660 of CPU: both just over the first class's 600 s
    assert run_time(files) == {"jobs": 4, "wall": "10-60 minutes", "cpu": "10-60 minutes"}
    assert run_time(files[:2]) == {"jobs": 2, "wall": "under 10 minutes", "cpu": "under 10 minutes"}


def test_versions_come_from_the_lock_and_the_run(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# pip freeze ... with Python 3.12, 2026-01-01\nnumpy==2.4.6\nPandas==3.1.1\n", encoding="utf-8")
    locked = locked_versions(lock)
    assert locked == {"python": "3.12", "numpy": "2.4.6", "pandas": "3.1.1"}
    said = software_sentence({"numpy": "2.0.0", "pandas": "3.1.1"}, locked, "3.11.7")
    assert "Python 3.11.7 (tested: 3.12)" in said and "numpy 2.0.0 (tested: 2.4.6)" in said
    assert "pandas 3.1.1," in said and "scipy not installed" in said
    assert "Python 3.12.1," in software_sentence({}, locked, "3.12.1")


def test_the_settings_table_reads_the_draws_seeds_and_caps_of_the_run():
    settings = {
        "weighting": {"mode": "entropy"},
        "imputation": {"method": "linear", "max_extrapolation": 3},
        "level_break_threshold": 0.15,
        "robustness": {
            "smaa": {"enabled": True, "draws": 20000, "seed": 7, "concentration": 50},
            "data": {"enabled": False, "draws": 2000, "seed": 8, "imputation_methods": ["linear", "pchip"]},
        },
    }
    table = settings_table(settings, 0.9).set_index("config key")["value"]
    assert table["robustness.smaa.draws"] == "20,000" and table["robustness.smaa.seed"] == "7"
    assert table["robustness.data.draws"] == "off" and table["imputation.max_extrapolation"] == "3"
    assert table["data.level_break_threshold"] == "15%" and isinstance(table, pd.Series)
    said = settings_sentence(settings, 0.9)
    assert "weight draws (SMAA) 20,000 (`robustness.smaa.draws`)" in said and "data draws off" in said

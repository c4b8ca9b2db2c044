"""The .test scenarios (Snakemake-catalog style, SYNTHETIC data): each runs the workflow with its own config and
its outputs must equal the committed expected outputs in .test/expected/<scenario>/ within a tolerance, so that a
silent numeric drift fails. Regenerate an expected folder only for a change whose effect is understood."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # runs the whole workflow: `python -m pytest -m slow` (and CI)

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p.stem for p in (ROOT / ".test/config").glob("*.yaml") if p.stem != "entities")
RTOL, ATOL = 1e-9, 1e-12  # floating-point noise across machines, far below any rounding the tables print


def project_copy(tmp: Path) -> Path:
    """The project's files (what git would check out), without results."""
    for item in ["Snakefile", "workflow", "config", "notebooks", "data", "envs", "profiles", ".test"]:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, tmp / item, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        else:
            shutil.copy(src, tmp / item)
    return tmp


def assert_same_table(actual: Path, expected: Path):
    a, e = pd.read_csv(actual, keep_default_na=False), pd.read_csv(expected, keep_default_na=False)
    assert list(a.columns) == list(e.columns), actual
    assert len(a) == len(e), actual
    for col in e.columns:
        if pd.api.types.is_numeric_dtype(e[col]) and pd.api.types.is_numeric_dtype(a[col]):
            np.testing.assert_allclose(
                a[col].to_numpy(float), e[col].to_numpy(float), rtol=RTOL, atol=ATOL, err_msg=f"{actual}: {col}"
            )
        else:
            assert a[col].astype(str).tolist() == e[col].astype(str).tolist(), f"{actual}: {col}"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_reproduces_its_expected_outputs(scenario, tmp_path):
    project = project_copy(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", f".test/config/{scenario}.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    expected = ROOT / ".test/expected" / scenario
    files = sorted(p.relative_to(expected) for p in expected.rglob("*.csv"))
    assert files, f"no expected outputs for {scenario}"
    for rel in files:
        assert_same_table(project / "results" / rel, expected / rel)

"""The .test scenarios (Snakemake-catalog style, SYNTHETIC data): each runs the workflow with its own config and
its outputs must equal the committed expected outputs in .test/expected/<scenario>/ within a tolerance, so that a
silent numeric drift fails. Regenerate an expected folder only for a change whose effect is understood."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, project_copy

pytestmark = pytest.mark.slow  # runs the whole workflow: `python -m pytest -m slow` (and CI)

SCENARIOS = sorted(p.stem for p in (ROOT / ".test/config").glob("*.yaml") if p.stem != "entities")
RTOL, ATOL = 1e-9, 1e-12  # floating-point noise across machines, far below any rounding the tables print


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

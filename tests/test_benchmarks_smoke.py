"""A smoke run of the benchmark script on tiny sizes (the real figures are in benchmarks/RESULTS.md, never timed here)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_script_runs_on_tiny_sizes(tmp_path):
    spec = importlib.util.spec_from_file_location("run_benchmarks", ROOT / "benchmarks/run_benchmarks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "RESULTS.md"
    assert module.main(["--smoke", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "| porteval |" in text and "## SMAA weight draws" in text
    assert "| porteval | " in text and " | yes |" in text.split("| porteval |")[1].splitlines()[0]

"""porteval.codehash: a rule re-runs when the code of a package module its script uses changes, and only then."""

import shutil
from pathlib import Path

import pytest

from porteval import codehash


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package of its own: a imports b (in a parenthesised list), b imports c inside a function, d is unused."""
    root = tmp_path / "porteval"
    root.mkdir()
    files = {
        "__init__.py": "",
        "a.py": '"""Reads like prose: from the start import nothing."""\nfrom .b import (\n    x,\n    y,\n)\n',
        "b.py": "x = y = 1\n\n\ndef later():\n    from . import c\n    return c\n",
        "c.py": "import porteval.nothing_here\n",
        "d.py": "VALUE = 1\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(codehash, "PACKAGE", root)
    codehash._imports.cache_clear()
    yield root
    codehash._imports.cache_clear()


def _script(tmp_path: Path, text: str, name: str = "script") -> Path:
    path = tmp_path / f"{name}.py"  # a file is read once (cached by path): each text has its own
    path.write_text(text, encoding="utf-8")
    return path


def test_the_modules_a_script_uses_are_followed_through_every_import_form(package, tmp_path):
    script = _script(tmp_path, "import pandas\nfrom porteval.a import z  # why\n")
    assert [p.name for p in codehash.used_modules(script)] == ["__init__.py", "a.py", "b.py", "c.py"]
    assert [p.name for p in codehash.used_modules(_script(tmp_path, "import porteval.d\n", "other"))] == ["__init__.py", "d.py"]


def test_the_hash_moves_with_a_used_module_and_not_with_an_unused_one(package, tmp_path):
    script = _script(tmp_path, "from porteval import a\n")
    before = codehash.package_code_hash(script)
    (package / "d.py").write_text("VALUE = 2\n", encoding="utf-8")
    assert codehash.package_code_hash(script) == before
    (package / "c.py").write_text("import porteval.nothing_here  # changed\n", encoding="utf-8")
    assert codehash.package_code_hash(script) != before


ROOT = Path(__file__).resolve().parents[1]
JOBS = {p.stem: p for p in (ROOT / "workflow/scripts").glob("*.py")} | {"report notebook": ROOT / "notebooks/report.ipynb"}


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the shipped package to change, and each job's code checksum before the change."""
    root = tmp_path / "porteval"
    shutil.copytree(codehash.PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(codehash, "PACKAGE", root)
    codehash._imports.cache_clear()

    def moved(before):
        codehash._imports.cache_clear()
        return {job for job, path in JOBS.items() if codehash.package_code_hash(path) != before[job]}

    yield root, {job: codehash.package_code_hash(path) for job, path in JOBS.items()}, moved
    codehash._imports.cache_clear()


def test_a_new_mcda_method_re_runs_only_the_jobs_that_compute_methods(shipped):
    # The jobs whose results a method enters: the other-methods analysis and the multiverse (robustness and its
    # SMAA chunks), the claims answered across the multiverse, and the report that shows both. Not the data, the
    # studies, the error model or the papers' tables (before #34 every job re-ran).
    root, before, moved = shipped
    with open(root / "methods.py", "a", encoding="utf-8") as f:
        f.write("\n\ndef mabac(x, weights, types):\n    return x\n")
    assert moved(before) == {"robustness", "robustness_smaa", "claims", "report notebook"}


def test_a_plugin_or_the_registry_re_runs_what_reads_the_papers(shipped):
    # A plug-in is imported by name (porteval.reproductions.plugin), which no import statement shows: the
    # subpackage counts whole. The registry is a data file of the package that porteval.papers names.
    root, before, moved = shipped
    (root / "reproductions/invented.py").write_text("audit = None\n", encoding="utf-8")
    changed = moved(before)
    assert {"reproduce", "claims", "report notebook"} <= changed and not changed & {"entity", "study", "error_calibration"}
    with open(root / "papers.yaml", "a", encoding="utf-8") as f:
        f.write("# a comment\n")
    assert {"reproduce", "claims", "data_summary"} <= moved(before)

"""porteval.codehash: a rule re-runs when the code of a package module its script uses changes, and only then."""

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


def test_the_shipped_scripts_use_what_they_import():
    root = Path(__file__).resolve().parents[1]
    study = [p.name for p in codehash.used_modules(root / "workflow/scripts/study.py")]
    assert {"study_run.py", "study.py", "tables.py", "catalogue.py", "papers.py", "io.py"} <= set(study)
    assert "figures.py" not in study and "report.py" in [p.name for p in codehash.used_modules(root / "notebooks/report.ipynb")]

"""The shipped data: every raw value carries its source, and data/raw is what the precedence rule gives."""

import csv
import filecmp
from pathlib import Path

import pytest

from porteval.catalogue import load_catalogue
from porteval.cli import main
from porteval.validate import validate_files

ROOT = Path(__file__).resolve().parents[1]
RAW = sorted((ROOT / "data/raw").glob("*.csv"))


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_raw_row_has_a_listed_source_with_url_or_reference_and_a_quote():
    sources = {r["source_id"]: r for r in _rows(ROOT / "data/sources.csv")}
    assert RAW, "no raw data shipped"
    for path in RAW:
        for line, row in enumerate(_rows(path), start=2):
            where = f"{path.name}:{line}"
            source = sources.get(row["source_id"])
            assert source is not None, f"{where}: source_id {row['source_id']!r} not in data/sources.csv"
            assert source["url"].strip() or source["reference"].strip(), f"{where}: source has no URL or reference"
            if source["kind"] != "table":
                assert row["quote"].strip(), f"{where}: a value from a page needs a quote"


def test_shipped_data_validate_cleanly():
    catalogue = load_catalogue(ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml")
    problems = validate_files(RAW, catalogue, ROOT / "data/sources.csv")
    assert problems == [], "\n".join(map(str, problems))


def test_the_dossier_files_in_raw_are_what_the_precedence_rule_selects(tmp_path, monkeypatch):
    """Every file `porteval curate` builds is shipped as built; a researcher's own files in data/raw are theirs."""
    monkeypatch.chdir(ROOT)
    assert main(["curate", "--out", str(tmp_path)]) == 0
    built = sorted((tmp_path / "raw").glob("*.csv"))
    assert built
    for rebuilt in [*built, tmp_path / "curation/decisions.csv"]:
        path = ROOT / "data" / rebuilt.relative_to(tmp_path)
        assert path.exists(), f"{path} is missing: run `porteval curate`"
        assert filecmp.cmp(path, rebuilt, shallow=False), f"{path} differs from what `porteval curate` builds"
    curated_sources = {r["source_id"] for r in _rows(tmp_path / "sources.csv")}
    shipped_sources = {r["source_id"]: r for r in _rows(ROOT / "data/sources.csv")}
    missing = curated_sources - set(shipped_sources)
    assert not missing, f"data/sources.csv lacks the dossier's sources {sorted(missing)}: run `porteval curate`"


def test_each_series_keeps_one_source_where_its_series_source_has_values():
    """The series rule (data/README.md): where the NBS export has a year of a series, that year is the export's."""
    decisions = _rows(ROOT / "data/curation/decisions.csv")
    kept = {(r["entity"], r["indicator"], r["year"]): r["source_id"] for r in decisions if r["decision"] == "kept"}
    for r in decisions:
        if r["dossier_file"] == "city_nbs_exports.csv" and r["qualifier"] == "exact" and r["authority"] == "official":
            assert kept[(r["entity"], r["indicator"], r["year"])] == r["source_id"], r


@pytest.mark.parametrize("qualifier", ["lower_bound", "approximate"])
def test_bounds_and_approximations_are_kept_but_marked(qualifier):
    rows = [r for p in RAW for r in _rows(p)]
    assert any(r["qualifier"] == qualifier for r in rows)

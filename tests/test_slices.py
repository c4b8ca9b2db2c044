"""porteval.slices: the part of the catalogue each job reads, rewritten only when it changes."""

import os

import yaml
from conftest import ROOT

from porteval.catalogue import load_catalogue
from porteval.slices import write_slices

CATALOGUE = [ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml"]


def test_a_part_holds_its_entities_every_indicator_and_a_ports_city(tmp_path):
    files = write_slices(*CATALOGUE, tmp_path, {"studies/x": ["Dalian Port"], "city": ["Ningbo"]})
    part, whole = load_catalogue(*files["studies/x"]), load_catalogue(*CATALOGUE)
    assert list(part.ports) == ["Dalian Port"] and list(part.cities) == ["Dalian"]
    # every indicator: a comparison with a paper asks which of a subsystem's indicators a study leaves out
    assert part.indicators.equals(whole.indicators) and part.subsystems == whole.subsystems
    assert load_catalogue(*files["city"]).entities == ["Ningbo"]


def test_a_part_is_rewritten_only_when_its_content_changes_and_a_part_no_longer_asked_for_goes(tmp_path):
    entities = tmp_path / "entities.yaml"
    entities.write_text(CATALOGUE[1].read_text(encoding="utf-8"), encoding="utf-8")
    parts = tmp_path / "parts"
    first = write_slices(CATALOGUE[0], entities, parts, {"a": ["Dalian"], "b": ["Ningbo"]})
    old = 1_000_000_000
    for path in first["a"]:
        os.utime(path, (old, old))
    data = yaml.safe_load(entities.read_text(encoding="utf-8"))
    data["cities"]["Ningbo"]["name_zh"] = "宁波"  # an edit of another entity
    entities.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    again = write_slices(CATALOGUE[0], entities, parts, {"a": ["Dalian"]})
    assert all(os.stat(p).st_mtime == old for p in again["a"]), "Dalian's part did not change: not rewritten"
    assert not any((parts / "b").glob("*.yaml")), "b is no longer asked for"


def test_a_part_reads_the_same_whichever_yaml_emitter_wrote_it(tmp_path, monkeypatch):
    """libyaml's emitter writes the parts where PyYAML has it; PyYAML's own, without libyaml, writes the same bytes,
    so that a machine without libyaml does not re-run every job."""
    import porteval.slices as slices

    fast = write_slices(*CATALOGUE, tmp_path / "fast", {"studies/x": ["Dalian Port", "Ningbo-Zhoushan Port"]})
    monkeypatch.setattr(slices, "SAFE_DUMPER", yaml.SafeDumper)
    plain = write_slices(*CATALOGUE, tmp_path / "plain", {"studies/x": ["Dalian Port", "Ningbo-Zhoushan Port"]})
    for a, b in zip(fast["studies/x"], plain["studies/x"], strict=True):
        assert open(a, encoding="utf-8").read() == open(b, encoding="utf-8").read()

"""porteval.catalogue: a catalogue is read whole or refused with the key at fault; studies are named as readers name
them."""

from pathlib import Path

import pytest
import yaml

from porteval.catalogue import ConfigError, load_catalogue, study_label
from porteval.study import study_cells

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = ROOT / "config/entities.yaml"


def _indicators(tmp_path, change) -> Path:
    spec = yaml.safe_load((ROOT / "config/indicators.yaml").read_text(encoding="utf-8"))
    change(spec["indicators"])
    path = tmp_path / "indicators.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_the_gaps_hints_are_optional_and_a_required_field_is_named_when_missing(tmp_path):
    def no_hints(indicators):
        for spec in indicators.values():
            del spec["term_zh"], spec["published_in"]

    catalogue = load_catalogue(_indicators(tmp_path, no_hints), ENTITIES)  # a coverage job used to fail on 'term_zh'
    assert (catalogue.indicators[["term_zh", "published_in"]] == "").all().all()
    with pytest.raises(ConfigError, match=r"indicators\.yaml: indicators\.C21: must contain \['unit'\]"):
        load_catalogue(_indicators(tmp_path, lambda ind: ind["C21"].pop("unit")), ENTITIES)


def test_a_study_is_named_by_its_port_or_its_number_of_ports_and_its_window():
    assert study_label({"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2024]}) == (
        "Ningbo-Zhoushan Port 2014-2024"
    )
    assert study_label({"kind": "cross_port", "ports": ["A", "B", "C"], "years": [2014, 2020]}) == "3 ports 2014-2020"


def test_a_studys_cells_serve_each_port_from_the_port_or_its_city():
    catalogue = load_catalogue(ROOT / "config/indicators.yaml", ENTITIES)
    study = {"kind": "cross_port", "ports": ["Shanghai Port", "Dalian Port"], "years": [2015, 2016], "indicators": ["C21", "C31"]}
    cells = study_cells(study, catalogue)
    assert list(cells.columns) == ["port", "entity", "indicator", "year"] and len(cells) == 2 * 2 * 2
    expected = {(p, catalogue.source_entity(p, c), c, y) for p in study["ports"] for c in ("C21", "C31") for y in (2015, 2016)}
    assert set(cells.itertuples(index=False, name=None)) == expected
    assert set(cells.loc[cells["indicator"] == "C31", "entity"]) == {"Shanghai", "Dalian"}


def test_the_config_schema_validates_the_same_from_its_kept_compiled_code_and_without_it(tmp_path, monkeypatch):
    """The compiled validator kept under .snakemake/ fills in the same defaults and refuses the same config; a kept
    file that is damaged is compiled again."""
    import porteval.configcheck as configcheck
    import porteval.inputs as inputs

    monkeypatch.setattr(inputs, "SCHEMA_CACHE", tmp_path / ".snakemake/porteval-schema")
    (tmp_path / ".snakemake").mkdir()
    schema = ROOT / "config/schemas/config.schema.yaml"
    config = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    del config["robustness"]["smaa"]["chunks"]  # a default the schema fills in
    filled = []
    for damage in (None, None, b"not marshal data"):
        if damage:
            next(inputs.SCHEMA_CACHE.iterdir()).write_bytes(damage)
        again = yaml.safe_load(yaml.safe_dump(config))
        configcheck.validate_config(again, schema)
        filled.append(again)
        bad = {**again, "imputation": {**again["imputation"], "method": "spline"}}
        with pytest.raises(ConfigError, match="imputation.method"):
            configcheck.validate_config(bad, schema)
    assert filled[0] == filled[1] == filled[2] and filled[0]["robustness"]["smaa"]["chunks"] == 1
    assert len(list(inputs.SCHEMA_CACHE.iterdir())) == 1

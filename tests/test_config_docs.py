"""Each fact of the configuration lives in the schema: the documented defaults and the code's lists of choices
must agree with it, so that this test fails when the docs or the code drift."""

import copy
import re
from pathlib import Path

import pytest
import yaml
from conftest import CATALOGUE
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from porteval.catalogue import QUALIFIERS, ConfigError
from porteval.configcheck import check_studies, validate_config
from porteval.impute import METHODS as IMPUTATION_METHODS
from porteval.methods import METHODS, method_names
from porteval.papers import PAPERS
from porteval.study import WEIGHT_MODES

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = yaml.safe_load((ROOT / "config/schemas/config.schema.yaml").read_text(encoding="utf-8"))
ROW = re.compile(r"^\| `([a-z_.]+)` \| `([^`]*)` \|", re.MULTILINE)
DOCUMENTED = ROW.findall((ROOT / "config/README.md").read_text(encoding="utf-8"))


def schema_node(key: str) -> dict:
    node = SCHEMA
    for part in key.split("."):
        node = node["properties"][part]
    return node


def test_the_readme_documents_defaults():
    assert len(DOCUMENTED) >= 20


@pytest.mark.parametrize(("key", "default"), DOCUMENTED)
def test_each_documented_default_is_the_schemas(key, default):
    assert schema_node(key)["default"] == yaml.safe_load(default), key


def test_the_code_knows_the_same_choices_as_the_schema():
    data = SCHEMA["properties"]["data"]["properties"]
    assert set(data["use_qualifiers"]["items"]["enum"]) == set(QUALIFIERS)
    assert set(schema_node("imputation.method")["enum"]) == set(IMPUTATION_METHODS)
    assert set(schema_node("weighting.mode")["enum"]) == set(WEIGHT_MODES)
    assert set(schema_node("robustness.data.imputation_methods")["items"]["enum"]) == set(IMPUTATION_METHODS)


def test_the_config_schema_names_no_paper_the_registry_is_the_one_place():
    # The papers a study may reproduce are the registry's entries (porteval/papers.yaml), checked by
    # porteval.configcheck.check_studies; a list in the schema would be a second place to keep in step.
    text = (ROOT / "config/schemas/config.schema.yaml").read_text(encoding="utf-8")
    assert not [paper for paper in PAPERS if paper in text]


MINIMAL = {"studies": {"one": {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2016]}}}
CONFIGS = {
    "minimal": MINIMAL,
    "shipped": yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8")),
    **{
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (ROOT / ".test/config").glob("*.yaml")
        if p.stem != "entities"
    },
    "a wide sheet": {
        **MINIMAL,
        "data": {"wide_sheets": [{"path": "x.csv", "entity": "Ningbo", "source_id": "s", "rows": {"a": "C31"}}]},
    },
    "robustness partly given": {
        **MINIMAL,
        "robustness": {"smaa": {"draws": 500}, "data": {"relative_error": {"observed": 0.03}}},
    },
}
BAD = {
    "draws below the minimum": {**MINIMAL, "robustness": {"smaa": {"draws": 5}}},
    "an unknown key": {**MINIMAL, "imputation": {"methd": "linear"}},
    "a study without years": {"studies": {"one": {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"]}}},
    "a string for a number": {**MINIMAL, "data": {"level_break_threshold": "0.1"}},
    "an unknown weighting": {**MINIMAL, "weighting": {"mode": "ahp"}},
    "a wide sheet without rows": {**MINIMAL, "data": {"wide_sheets": [{"path": "x.csv", "entity": "N", "source_id": "s"}]}},
}
SCHEMA_PATH = ROOT / "config/schemas/config.schema.yaml"


@pytest.mark.parametrize("name", CONFIGS)
def test_the_config_is_filled_in_as_snakemake_would(name):
    """The workflow validates with fastjsonschema (jsonschema's import costs a second per run); the result, defaults
    filled in, must be Snakemake's own validator's."""
    ours, snakemakes = copy.deepcopy(CONFIGS[name]), copy.deepcopy(CONFIGS[name])
    validate_config(ours, SCHEMA_PATH)
    validate(snakemakes, str(SCHEMA_PATH))
    assert ours == snakemakes


@pytest.mark.parametrize("name", BAD)
def test_the_config_is_refused_where_snakemake_would_refuse_it(name):
    with pytest.raises(WorkflowError):
        validate(copy.deepcopy(BAD[name]), str(SCHEMA_PATH))
    with pytest.raises(ConfigError):
        validate_config(copy.deepcopy(BAD[name]), SCHEMA_PATH)


def test_the_lock_file_pins_every_dependency_within_pyprojects_ranges():
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pinned = {}
    for line in lines:
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[name.lower().replace("_", "-")] = version
    for spec in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        req = Requirement(spec)
        name = req.name.lower().replace("_", "-")
        assert name in pinned, f"{name} is not in requirements.lock"
        assert req.specifier.contains(pinned[name], prereleases=True), f"{name}=={pinned[name]} is outside {req.specifier}"


def _filled(config: dict) -> dict:
    config = copy.deepcopy(config)
    validate_config(config, SCHEMA_PATH)
    return config


def test_every_method_runs_in_the_shipped_config_or_the_methods_table_says_why_not():
    """The schema takes a method's name or ``all``; the names are the methods table's (porteval.methods.METHODS), so a
    method added there runs in the shipped config, in the multiverse too unless the table says why not."""
    robustness = _filled(CONFIGS["shipped"])["robustness"]
    assert method_names(robustness["methods"]["names"]) == list(METHODS)
    multiverse = method_names(robustness["multiverse"]["methods"], multiverse=True)
    for name, method in METHODS.items():
        assert (name in multiverse) != bool(method.not_in_multiverse), name
        assert (method.utility is None) == bool(method.not_in_multiverse), name


@pytest.mark.parametrize(
    ("key", "names", "message"),
    [
        ("methods", ["COPRAS", "MABAK"], "robustness.methods.names[1]: unknown method 'MABAK' (one of COPRAS, TOPSIS"),
        ("multiverse", ["COPRAS", "WSM"], "robustness.multiverse.methods[1]: WSM is not in the multiverse: it is WASPAS"),
    ],
)
def test_a_method_the_table_does_not_have_is_refused_naming_the_key(key, names, message):
    config = _filled(CONFIGS["shipped"])
    config["robustness"][key]["names" if key == "methods" else "methods"] = names
    with pytest.raises(ConfigError, match=re.escape(message)):
        check_studies(config, CATALOGUE)

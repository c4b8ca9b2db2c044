"""Each fact of the configuration lives in the schema: the documented defaults and the code's lists of choices
must agree with it, so that this test fails when the docs or the code drift."""

import re
from pathlib import Path

import pytest
import yaml

from porteval.audit import PAPERS
from porteval.catalogue import QUALIFIERS
from porteval.impute import METHODS as IMPUTATION_METHODS
from porteval.methods import METHODS
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
    assert set(schema_node("robustness.methods.names")["items"]["enum"]) == set(METHODS)
    assert set(schema_node("robustness.data.imputation_methods")["items"]["enum"]) == set(IMPUTATION_METHODS)


def test_the_schema_names_the_papers_of_the_registry():
    reproducible = {name for name, paper in PAPERS.items() if "study_kind" in paper}
    studies = SCHEMA["properties"]["studies"]["additionalProperties"]["properties"]
    assert set(studies["reproduces"]["enum"]) == reproducible

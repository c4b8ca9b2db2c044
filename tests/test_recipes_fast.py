"""docs/extending.md's recipes for a new MCDA method and a new claim kind, followed in-process: a toy method and a toy
kind are added through the files the recipe names (the package's table patched, the doc's text amended in memory),
and each is then what the recipe promises: checked, run, documented. A recipe that needed one more file would fail
here: what it names is all that is done. The toy method and kind are SYNTHETIC, made here."""

import copy
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import CATALOGUE
from test_claims import claim, kinds_table, values
from test_methods import methods_table

from porteval import claims as cl
from porteval import multiverse as mv
from porteval import robustness as rb
from porteval.catalogue import ConfigError
from porteval.claim_kinds import CLAIM_KINDS, ROW, ClaimKind, Parameter
from porteval.configcheck import check_studies, validate_config
from porteval.inputs import InputError
from porteval.methods import METHODS, Method, best_at_one, method_names, wsm
from porteval.papers import PAPERS, check_registry

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs/extending.md").read_text(encoding="utf-8")


def recipe_files(title: str) -> list[str]:
    """The files a recipe of docs/extending.md names in its numbered list."""
    section = PAGE.split(f"**{title}**", 1)[1].split("\n**", 1)[0]
    return re.findall(r"^\d+\. `([^`]+)`", section, flags=re.MULTILINE)


def test_the_recipes_touch_at_most_two_files_each():
    assert recipe_files("A new MCDA method") == ["workflow/porteval/methods.py", "docs/robustness.md"]
    assert recipe_files("A new claim kind") == ["workflow/porteval/claim_kinds.py", "docs/reproduction.md"]
    for path in (*recipe_files("A new MCDA method"), *recipe_files("A new claim kind")):
        assert (ROOT / path).is_file(), path


# --------------------------------------------------------------------------------------------- a claim kind
def _ends_above(arr, rows, points, test):
    return (arr[..., -1] > test["level"]).astype(float)


TOY_KIND = ClaimKind(
    ROW,
    _ends_above,
    "its last value is above the level",
    {"level": Parameter({"type": "number"}, "a degree of utility, as a fraction of 1")},
    {"level": 0.5},
    {"X1": [0.2, 0.6]},
    {"X1": [0.6, 0.2]},
)


def test_a_new_claim_kind_through_its_two_files(monkeypatch):
    # 1. workflow/porteval/claim_kinds.py: its function and entry.
    monkeypatch.setitem(CLAIM_KINDS, "ends_above", TOY_KIND)
    points = ["2014", "2015"]
    for block, expected in ((TOY_KIND.holds_on, 1), (TOY_KIND.fails_on, 0)):
        test = {"kind": "ends_above", **TOY_KIND.example}
        assert cl.holds(claim(test, rows=block), values(block, alternatives=points), "2014-2020", points)[0] == expected
    # A claim of the registry may use it at once; a misspelling or a parameter it does not take is refused.
    papers = copy.deepcopy(PAPERS)
    papers["zeng2022_longitudinal"]["claims"][0]["test"] = {"kind": "ends_above", "level": 0.8}
    check_registry(papers)
    papers["zeng2022_longitudinal"]["claims"][0]["test"] = {"kind": "ends_abov", "level": 0.8}
    with pytest.raises(
        InputError, match=r"zeng2022_longitudinal\.claims\[0\]\.test\.kind: 'ends_abov' is not a claim kind \(.*ends_above"
    ):
        check_registry(papers)
    papers["zeng2022_longitudinal"]["claims"][0]["test"] = {"kind": "ends_above", "level": "high"}
    with pytest.raises(InputError, match=r"zeng2022_longitudinal\.claims\[0\]\.test\.level: must be number"):
        check_registry(papers)
    # 2. docs/reproduction.md: without its row the doc no longer holds the table the code makes; with it, it does.
    doc = (ROOT / "docs/reproduction.md").read_text(encoding="utf-8")
    row = "| `ends_above` | each row | `level`: a degree of utility, as a fraction of 1 | its last value is above the level |"
    assert kinds_table() not in doc and row in kinds_table()
    last = f"| `{list(CLAIM_KINDS)[-2]}` |"  # the row the new one follows
    at = doc.index("\n", doc.index(last))
    assert kinds_table() in doc[:at] + "\n" + row + doc[at:]


# ------------------------------------------------------------------------------------------------- a method
TOY_METHOD = Method(
    wsm,  # SYNTHETIC: the weighted sum under a new name, on raw matrices and on normalised ones
    lambda r, w, cost: best_at_one((w[..., None, :] * np.where(cost, 1 - r, r)).sum(-1)),
    "a toy method (tests/test_recipes_fast.py)",
)


def test_a_new_method_through_its_two_files(monkeypatch):
    # 1. workflow/porteval/methods.py: its two forms and its entry.
    monkeypatch.setitem(METHODS, "TOY", TOY_METHOD)
    # The shipped config runs it in both analyses, with no change; a config may name it, not a misspelling of it.
    config = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    validate_config(config, ROOT / "config/schemas/config.schema.yaml")
    robustness = config["robustness"]
    assert "TOY" in method_names(robustness["methods"]["names"])
    assert "TOY" in method_names(robustness["multiverse"]["methods"], multiverse=True)
    robustness["methods"]["names"] = ["COPRAS", "TOY"]
    robustness["multiverse"]["methods"] = ["TOY"]
    check_studies(config, CATALOGUE)
    robustness["multiverse"]["methods"] = ["TOYY"]
    with pytest.raises(ConfigError, match=r"robustness\.multiverse\.methods\[0\]: unknown method 'TOYY' \(one of .*TOY;"):
        check_studies(config, CATALOGUE)
    # Both code paths compute it: the other methods' ranks, and the multiverse's utilities under every specification.
    rng = np.random.default_rng(5)
    x, cost, w = rng.uniform(1, 10, (4, 3)), np.array([False, True, False]), np.array([0.5, 0.2, 0.3])
    ranks = rb.method_ranks(x, w, np.where(cost, -1, 1), method_names("all"))
    assert sorted(ranks["TOY"]) == [1, 2, 3, 4]
    settings = {"imputations": ["linear"], "normalisations": ["sum", "max"], "weightings": ["equal"], "methods": "all"}
    specs = mv.specifications(settings, published=False)
    assert (specs["method"] == "TOY").sum() == 2
    out = mv.comparison_utilities({"linear": x}, specs, cost, ["A", "A", "B"])["overall"][specs["method"] == "TOY"]
    assert np.isfinite(out).all() and (out.max(axis=1) == 1).all()
    # 2. docs/robustness.md: its row of the methods table.
    doc = (ROOT / "docs/robustness.md").read_text(encoding="utf-8")
    row = "| TOY | a toy method (tests/test_recipes_fast.py) | yes |"
    assert methods_table() not in doc and row in methods_table()
    at = doc.index("\n", doc.index("| WSM |"))
    assert methods_table() in doc[:at] + "\n" + row + doc[at:]

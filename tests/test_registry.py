"""The papers' registry (porteval/papers.yaml) is checked as it is read: every kind of mistake is refused in one line
naming the file, the entry and the key; and what the registry names exists (claim kinds, captions, published tables)."""

import copy
import re
from pathlib import Path

import pytest
import yaml

from porteval.claim_kinds import CLAIM_KINDS
from porteval.claims import MEASURES
from porteval.inputs import InputError, read_yaml
from porteval.papers import PAPERS, REGISTRY, SCHEMA, check_registry, load_registry, short_id

ROOT = Path(__file__).resolve().parents[1]
NAME = "workflow/porteval/papers.yaml"
LONG, CROSS, ZHANG = "zeng2022_longitudinal", "zeng2022_cross_port", "zhang2"


def refusal(change) -> str:
    """The message with which the shipped registry, changed by ``change`` (a function of a copy of it), is refused."""
    papers = copy.deepcopy(PAPERS)
    change(papers)
    with pytest.raises(InputError) as err:
        check_registry(papers)
    return str(err.value)


def claim_of(papers, entry, claim_id):
    return next(c for c in papers[entry]["claims"] if c["id"] == claim_id)


def test_the_shipped_registry_is_accepted_and_read_once():
    assert load_registry() == PAPERS == read_yaml(REGISTRY)


# Each kind of mistake, and the key the message must name after the file (the entry's name starts it).
MISTAKES = {
    "a misspelled claim kind": (
        lambda p: p[LONG]["claims"][3]["test"].update(kind="above_evry"),
        f"{LONG}.claims[3].test.kind: 'above_evry' is not a claim kind (increasing, pairs,",
    ),
    "a misspelled kind of a reading": (
        lambda p: claim_of(p, LONG, "limited_by_smart_logistics")["readings"][1]["test"].update(kind="only_below"),
        f"{LONG}.claims[14].readings[1].test.kind: 'only_below' is not a claim kind",
    ),
    "a required parameter missing": (
        lambda p: p[LONG]["claims"][0]["test"].pop("level"),
        f"{LONG}.claims[0].test: mean_above needs level",
    ),
    "a parameter the kind does not take": (
        lambda p: p[LONG]["claims"][0]["test"].update(levle=0.8),
        f"{LONG}.claims[0].test.levle: not a parameter of mean_above (its parameters: level)",
    ),
    "a year as a number where a point is named": (
        lambda p: claim_of(p, LONG, "city_economy_faster_after_2016")["test"].update(point=2016),
        f"{LONG}.claims[4].test.point: must be string",
    ),
    "a level given as text": (
        lambda p: p[LONG]["claims"][0]["test"].update(level="80%"),
        f"{LONG}.claims[0].test.level: must be number",
    ),
    "a figure plotting a table that is not there": (
        lambda p: p[ZHANG]["figures"]["zhang_throughput"].update(plots="zhang_table3_cargo"),
        f"{ZHANG}.figures.zhang_throughput.plots: no table 'zhang_table3_cargo' in {ZHANG}.tables",
    ),
    "a figure plotting another entry's table": (
        lambda p: p[CROSS]["figures"]["fig3_port_years"].update(plots="table3_subsystems"),
        f"{CROSS}.figures.fig3_port_years.plots: no table 'table3_subsystems' in {CROSS}.tables",
    ),
    "published weights that are not a table": (
        lambda p: p[CROSS].update(weights="table2_weight"),
        f"{CROSS}.weights: no table 'table2_weight' in the registry",
    ),
    "a restriction naming no table": (
        lambda p: p[LONG]["restriction"].update(overall="table4"),
        f"{LONG}.restriction.overall: no table 'table4' in the registry",
    ),
    "a claim displayed in a table the paper does not have": (
        lambda p: p[CROSS]["claims"][0].update(display=["Table 7"]),
        f"{CROSS}.claims[0].display[0]: no table or figure of {CROSS} is labelled 'Table 7'",
    ),
    "a short id given twice": (
        lambda p: p[ZHANG]["tables"].update(table5_throughput=p[ZHANG]["tables"]["zhang_table2_throughput"]),
        f"{ZHANG}.tables.table5_throughput: its short id 'table5' is also that of {CROSS}.tables.table5_ports",
    ),
    "a table without a short id": (
        lambda p: p[ZHANG]["tables"].update(throughput=p[ZHANG]["tables"]["zhang_table2_throughput"]),
        f"{ZHANG}.tables: must be named by propertyName definition",
    ),
    "a table without its caption": (
        lambda p: p[ZHANG]["tables"]["zhang_table2_throughput"].pop("caption"),
        f"{ZHANG}.tables.zhang_table2_throughput: must contain",
    ),
    "both study_kind and input": (
        lambda p: p[ZHANG].update(study_kind="longitudinal"),
        f"{ZHANG}: has study_kind and input; give exactly one",
    ),
    "neither study_kind nor input": (
        lambda p: p[LONG].pop("study_kind"),
        f"{LONG}: has neither study_kind nor input",
    ),
    "a claim id given twice": (
        lambda p: p[CROSS]["claims"][1].update(id=p[CROSS]["claims"][0]["id"]),
        f"{CROSS}.claims[1].id: 'ningbo_above_shenzhen' is the id of an earlier claim of {CROSS}",
    ),
    "a claim with both a test and readings": (
        lambda p: claim_of(p, LONG, "limited_by_smart_logistics").update(test={"kind": "increasing"}),
        f"{LONG}.claims[14]: give either a test or readings",
    ),
    "expect of a test that compares rows": (
        lambda p: claim_of(p, LONG, "green_grows_fastest").update(expect={"X6": False}),
        f"{LONG}.claims[8].expect: grows_most compares the rows with each other",
    ),
    "expect of a row the claim does not have": (
        lambda p: claim_of(p, CROSS, "shenzhen_and_dalian_do_not_rise")["expect"].update({"Qingdao Port": False}),
        f"{CROSS}.claims[4].expect.Qingdao Port: not one of the claim's rows",
    ),
    "a misspelled key of a claim": (
        lambda p: p[LONG]["claims"][0].update(meausre="benefit"),
        f"{LONG}.claims[0]: must not contain {{'meausre'}} properties",
    ),
    "a module name that is not a module's": (
        lambda p: p[ZHANG].update(module="reproductions/zhang.py"),
        f"{ZHANG}.module: must match pattern",
    ),
    "a window backwards": (
        lambda p: p[LONG].update(window=[2020, 2014]),
        f"{LONG}.window: first year 2020 is after last year 2014",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_kind_of_mistake_is_refused_naming_the_file_the_entry_and_the_key(mistake):
    change, expected = MISTAKES[mistake]
    message = refusal(change)
    assert message.startswith(f"{NAME}: ") and expected in message, message
    assert "\n" not in message


def test_a_misspelled_kind_in_the_file_is_refused_as_the_file_is_read(tmp_path):
    """The issue's case (#34): `above_evry` passed the tests and `snakemake -n`; now the file is refused as it is
    read, by line's key. A syntax error is named by line and column, as the one YAML reader does for every file."""
    text = REGISTRY.read_text(encoding="utf-8")
    broken = tmp_path / "papers.yaml"
    broken.write_text(text.replace("{kind: mean_above, level: 0.8}", "{kind: above_evry, level: 0.8}", 1), encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(broken))}: {LONG}\.claims\[0\]\.test\.kind: 'above_evry'"):
        load_registry(broken)
    broken.write_text(text.replace("  tables:\n", "  tables:\n  tables:\n", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"line \d+, column \d+: the key 'tables' is given twice"):
        load_registry(broken)


def test_the_plug_in_modules_are_checked_when_they_are_known():
    """The hook for porteval.reproductions: given the modules there are, an entry naming another is refused."""
    modules = {entry["module"] for entry in PAPERS.values()}
    check_registry(PAPERS, modules)
    with pytest.raises(InputError, match=rf"{ZHANG}\.module: no plug-in module porteval/reproductions/zhang\.py"):
        check_registry(PAPERS, modules - {"zhang"})


@pytest.mark.parametrize("kind", sorted(CLAIM_KINDS))
def test_each_kinds_parameters_are_declared_and_checked(kind):
    """A claim of the kind with its example's parameters is accepted; with one more, one required one fewer, or one
    of the wrong type, it is refused naming the parameter."""
    spec = CLAIM_KINDS[kind]

    def with_test(test):
        def change(papers):
            papers[LONG]["claims"][0]["test"] = {"kind": kind, **test}

        return change

    with_test(spec.example)(papers := copy.deepcopy(PAPERS))
    check_registry(papers)
    assert f"claims[0].test.extra: not a parameter of {kind}" in refusal(with_test({**spec.example, "extra": 1}))
    for name, parameter in spec.parameters.items():
        wrong = {"string": 2016, "number": "0.8", "array": "2014"}[parameter.schema["type"]]
        assert f"claims[0].test.{name}: must be {parameter.schema['type']}" in refusal(with_test({**spec.example, name: wrong}))
        if parameter.required:
            fewer = {k: v for k, v in spec.example.items() if k != name}
            assert f"claims[0].test: {kind} needs {name}" in refusal(with_test(fewer))


def test_every_kind_the_registry_uses_is_a_kind_of_the_table():
    used = {c["test"]["kind"] for e in PAPERS.values() for c in e.get("claims", []) if "test" in c}
    used |= {r["test"]["kind"] for e in PAPERS.values() for c in e.get("claims", []) for r in c.get("readings", [])}
    assert used and used <= set(CLAIM_KINDS), used - set(CLAIM_KINDS)


@pytest.mark.parametrize(("paper", "table"), [(p, t) for p, e in PAPERS.items() for t in e["tables"]])
def test_every_registered_table_has_its_caption_and_its_published_numbers(paper, table):
    spec = PAPERS[paper]["tables"][table]
    assert (ROOT / "workflow/report" / spec["caption"]).read_text(encoding="utf-8").strip(), (paper, table)
    assert (ROOT / "data/reference" / spec["published"]).is_file(), (paper, table)
    assert short_id(table), "a short id the scorecard names it by"


def test_the_schema_knows_the_measures_the_claims_read():
    schema = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))
    claim = schema["additionalProperties"]["properties"]["claims"]["items"]["properties"]
    assert set(claim["measure"]["enum"]) == set(MEASURES)


def test_a_plugin_without_the_interface_is_refused_naming_the_entry_and_what_it_lacks(monkeypatch):
    import sys
    import types

    from porteval.reproductions import INTERFACE, check_plugins

    fake = types.ModuleType("porteval.reproductions.fake")
    for name in INTERFACE:
        setattr(fake, name, None)
    fake.needs = lambda paper: {}
    monkeypatch.setitem(sys.modules, "porteval.reproductions.fake", fake)
    papers = {"fake1": {**copy.deepcopy(PAPERS[LONG]), "module": "fake"}}
    with pytest.raises(InputError) as err:  # it has claims, so it must give their values too
        check_plugins(papers)
    assert str(err.value) == (
        "workflow/porteval/papers.yaml: fake1.module: porteval/reproductions/fake.py does not define claim_values "
        "(docs/extending.md, A new paper)"
    )
    fake.claim_values = None
    check_plugins(papers)
    del fake.report_section
    with pytest.raises(InputError, match="fake.py does not define report_section"):
        check_plugins(papers)


def test_the_shipped_plugins_define_the_interface():
    from porteval.reproductions import check_plugins

    check_plugins()


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda p: claim_of(p, LONG, "green_rises").pop("reading"), f"{LONG}.claims[7].reading: how we read its words"),
        (lambda p: p[CROSS].pop("window"), f"{CROSS}: a paper reproduced by a study gives its window"),
        (
            lambda p: p[CROSS]["figures"].update({"fig1_subsystems": {"title": "t", "plots": "table5_ports"}}),
            f"{CROSS}.figures.fig1_subsystems: also a figure of {LONG} (both would write results/figures/fig1_subsystems.png)",
        ),
    ],
)
def test_what_a_stranger_got_wrong_is_refused_naming_the_entry(change, expected):
    # Found by a reviewer following docs/extending.md: each failed later (a KeyError in a job, two plug-ins
    # writing one figure) instead of before any job.
    assert expected in refusal(change)


def _plan(config_changes: dict, monkeypatch, tmp_path):
    from porteval.reproductions import plan

    monkeypatch.chdir(ROOT)
    config = {"studies": {}, "reproduction": {"zhang_candidates": None}, **config_changes}
    return plan(config)


def test_a_paper_reproduced_from_a_file_names_a_config_key_that_holds_a_file_or_null(monkeypatch, tmp_path):
    from porteval.catalogue import ConfigError

    assert _plan({}, monkeypatch, tmp_path) == {}  # null: not reproduced
    decisions = {"reproduction": {"zhang_candidates": "data/curation/decisions.csv"}}
    assert _plan(decisions, monkeypatch, tmp_path) == {ZHANG: {"study": None, "input": "data/curation/decisions.csv"}}
    for value in ("data/raw", "entropy", {"draws": 5}):
        with pytest.raises(ConfigError, match=r"^reproduction.zhang_candidates: .* is not a file \(zhang2 is reproduced"):
            _plan({"reproduction": {"zhang_candidates": value}}, monkeypatch, tmp_path)
    with pytest.raises(ConfigError, match="zhang2.input: reproduction.zhang_candidates is not a key of the config"):
        _plan({"reproduction": {}}, monkeypatch, tmp_path)


def test_a_plugin_that_needs_what_there_is_not_is_refused_naming_the_key(monkeypatch):
    from porteval.reproductions import check_plugins, plugin

    zeng = plugin(LONG)
    for bad, why in [
        (("studdy", "scores"), "is not one of study, observations, pool, input"),
        (("study",), "is not one of study, observations, pool, input"),
        (("study", "score"), "a study's file is one of imputed, breaks"),
        (("input",), "the paper has no input key"),
    ]:
        monkeypatch.setattr(zeng, "needs", lambda paper, bad=bad: {"x": bad})
        with pytest.raises(InputError) as err:
            check_plugins()
        assert f"{LONG}.module: porteval/reproductions/zeng2022.py: needs() x: {bad!r}" in str(err.value) and why in str(
            err.value
        )


def test_a_tables_caption_is_a_file_of_the_report_folder(tmp_path):
    from porteval.reproductions import check_plugins

    (tmp_path / "table2.rst").write_text("a caption", encoding="utf-8")
    with pytest.raises(InputError) as err:
        check_plugins(report_dir=tmp_path)
    assert f"{LONG}.tables.table3_subsystems.caption: no file table3.rst in workflow/report/" in str(err.value)
    assert f"{LONG}.tables.table2_weights.caption" not in str(err.value)
    check_plugins(report_dir=ROOT / "workflow/report")

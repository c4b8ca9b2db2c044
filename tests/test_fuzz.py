"""Hostile input nobody thought of, generated (Hypothesis): random bytes, odd encodings, special files, huge and
empty values, YAML of any shape, names with path and control characters, thrown at `porteval validate`, the config
check, the catalogue loader and each `porteval` command. The property: a correct result, or a refusal that names
the file (or config key) and place — never a traceback, never a hang, never a file changed outside the temporary
folder. A small fixed budget runs in the default tests (FAST examples per entry point, derandomised: the same
examples at every run); a longer, random one under `pytest -m slow` (LONG, and WORKFLOW whole-workflow configs).
Each failure found is a named test in test_defences.py."""

import contextlib
import copy
import os
import signal
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porteval.catalogue import ConfigError, load_catalogue
from porteval.cli import main
from porteval.configcheck import check_studies, check_yaml, validate_config
from porteval.validate import OPTIONAL_COLUMNS, RAW_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
# Examples per entry point: the default run, and -m slow (Hypothesis's own default, random: each slow run tries new
# ones). WORKFLOW: configs through a whole-workflow dry run under -m slow, a Snakemake start (about 1.4 CPU-s) each.
FAST, LONG, WORKFLOW = 15, 100, 10
SECONDS = 60  # one example taking longer is a hang (the slowest, a workflow dry run, takes about 5 s)
CONFIG = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
INDICATORS = yaml.safe_load((ROOT / "config/indicators.yaml").read_text(encoding="utf-8"))
ENTITIES = yaml.safe_load((ROOT / "config/entities.yaml").read_text(encoding="utf-8"))


@contextlib.contextmanager
def within(seconds: int):
    """Fail an example that runs longer than ``seconds`` (a pipe read without a writer would never return)."""

    def hang(*_):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fuzz(examples: int, strategy, check) -> None:
    """Run ``check`` on ``examples`` values of ``strategy``, each within SECONDS."""

    @settings(
        max_examples=examples,
        deadline=None,  # the time limit is within()'s, which also stops a hang
        database=None,  # the examples are not kept between runs: the default run is the same every time
        derandomize=examples == FAST,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )
    @given(strategy)
    def run(value):
        with within(SECONDS):
            check(value)

    run()


budgets = pytest.mark.parametrize("examples", [FAST, pytest.param(LONG, marks=pytest.mark.slow)])


@pytest.fixture(autouse=True)
def project_unchanged():
    """No example may change a file of the project (the commands read config/ and data/; results/ is not used)."""
    watched = [p for folder in ("config", "data") for p in sorted((ROOT / folder).rglob("*")) if p.is_file()]
    before = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in watched}
    yield
    after = {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in watched if p.exists()}
    assert after == before


# --- what the strategies make --------------------------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "..",
            "../../etc/passwd",
            "/dev/zero",
            "{x}",
            "a/b",
            "\u202e",
            "\x00",
            "=cmd()",
            "<script>",
            "Ningbo-Zhoushan Port",
            "C22",
            "2015",
            "2063",
            "万TEU",
            "src1",
            "exact",
            "suspect",
            "1e309",
            "-1",
            "nan",
            "9" * 400,
            "x" * 300,
            "yes",
            "~",
            "null",
            "\ufeff",
        ]
    ),  # fmt: skip
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gbk", "latin-1"])


@st.composite
def csv_bytes(draw, columns=(*RAW_COLUMNS, *OPTIONAL_COLUMNS)):
    """A CSV file as a careless or hostile user makes one: a header of known, unknown, doubled or missing columns,
    rows of any length, any separator, any encoding; or random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    header = draw(st.lists(st.one_of(st.sampled_from(columns), HOSTILE_TEXT), max_size=12))
    rows = draw(st.lists(st.lists(HOSTILE_TEXT, max_size=12), max_size=6))
    separator = draw(st.sampled_from([",", ",", ",", ";", "\t"]))
    quote = draw(st.booleans())

    def line(cells):
        return separator.join(f'"{c}"' if quote else c for c in cells)

    text = "\n".join(line(r) for r in [header, *rows]) + draw(st.sampled_from(["\n", "", "\r\n"]))
    return text.encode(draw(ENCODINGS), errors="replace")


@st.composite
def edited_csv(draw, text: str):
    """A good CSV file ``text`` with a few cells replaced by anything, a few lines dropped or repeated."""
    lines = [line.split(",") for line in text.splitlines()]
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "repeat"]))
        if action == "cell" and lines[i]:
            lines[i][draw(st.integers(0, len(lines[i]) - 1))] = draw(HOSTILE_TEXT).replace(",", "").replace("\n", "")
        elif action == "drop" and len(lines) > 1:
            del lines[i]
        elif action == "repeat":
            lines.insert(i, list(lines[i]))
    return ("\n".join(",".join(line) for line in lines) + "\n").encode("utf-8")


def _mutated(base, paths, values):
    """``base`` with the value at each of ``paths`` (key lists) replaced by the matching value, or the key removed."""
    out = copy.deepcopy(base)
    for path, value in zip(paths, values, strict=False):
        node = out
        for key in path[:-1]:
            if not isinstance(node, dict) or key not in node:
                break
            node = node[key]
        else:
            if isinstance(node, dict):
                if value == "<remove>":
                    node.pop(path[-1], None)
                else:
                    node[path[-1]] = value
    return out


def _key_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _key_paths(value, (*prefix, key))


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(), HOSTILE_TEXT, st.just("<remove>")),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(HOSTILE_TEXT, inner, max_size=4)),
    max_leaves=8,
)


def edited_yaml(base):
    """YAML documents like ``base`` with one to three values replaced by anything (or removed)."""
    paths = list(_key_paths(base))
    mutated = st.builds(
        _mutated, st.just(base), st.lists(st.sampled_from(paths), min_size=1, max_size=3), st.lists(YAML_VALUES, max_size=3)
    )
    return mutated.map(lambda doc: yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


def mutations(base):
    """Documents like ``base`` with values replaced (edited_yaml), or any text, or any bytes."""
    return st.one_of(edited_yaml(base), edited_yaml(base), st.text(max_size=200).map(str.encode), st.binary(max_size=200))


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


# --- the properties ----------------------------------------------------------------------------------------------


@budgets
def test_validate_answers_any_file_with_problems_that_name_it(examples, capsys):
    sources = ROOT / "data/sources.csv"

    def check(content):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "port.csv"
            path.write_bytes(content)
            code = main(["validate", str(path), "--sources", str(sources), "--project", str(ROOT)])
            out, err = capsys.readouterr()
            assert code in (0, 1) and "Traceback" not in out + err
            assert all(line.startswith(f"{path}:") for line in out.splitlines()[: -1 if code == 0 else None]), out
            assert (code == 0) == out.endswith("1 file(s) checked, 0 problem(s)\n")

    good = (ROOT / "data/raw/ningbo_zhoushan_port.csv").read_text(encoding="utf-8")
    fuzz(examples, st.one_of(edited_csv(good), csv_bytes()), check)


@budgets
def test_the_config_check_refuses_any_config_naming_a_key(examples, monkeypatch):
    monkeypatch.chdir(ROOT)  # the config's paths are the project's
    catalogue = load_catalogue(ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml")
    schema = ROOT / "config/schemas/config.schema.yaml"

    def check(content):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "config.yaml"
            path.write_bytes(content)
            try:
                check_yaml(path)
                config = yaml.safe_load(content)
                if not isinstance(config, dict):
                    return  # Snakemake refuses a config that is not a mapping itself
                validate_config(config, schema)
                check_studies(config, catalogue)
            except ConfigError as err:
                assert one_line(str(err)) and "Traceback" not in str(err)

    fuzz(examples, mutations(CONFIG), check)


@budgets
def test_the_catalogue_loader_refuses_any_catalogue_naming_the_file(examples):
    def check(contents):
        indicators, entities = contents
        with tempfile.TemporaryDirectory() as tmp:
            paths = Path(tmp) / "indicators.yaml", Path(tmp) / "entities.yaml"
            paths[0].write_bytes(indicators)
            paths[1].write_bytes(entities)
            try:
                catalogue = load_catalogue(*paths)
            except ConfigError as err:
                assert one_line(str(err))
                return
            config = copy.deepcopy(CONFIG)
            validate_config(config, ROOT / "config/schemas/config.schema.yaml")
            with contextlib.chdir(ROOT), contextlib.suppress(ConfigError):
                check_studies(config, catalogue)

    fuzz(examples, st.tuples(mutations(INDICATORS), mutations(ENTITIES)), check)


@budgets
def test_diagnose_answers_any_candidate_and_any_run_files_in_one_line(examples, capsys):
    row = "Ningbo-Zhoushan Port,C22,{year},{value},万TEU,src1,{value}万标箱,\n"
    good = "entity,indicator,year,value,unit,source_id,quote,note\n" + "".join(
        row.format(year=y, value=v) for y, v in zip(range(2014, 2021), (1945, 2063, 2157, 2461, 2635, 2753, 2872), strict=True)
    )
    diagnosis = "indicator,D,d_required_low,d_required_high,published_weight\nC22,0.2257,0.01,0.02,0.05\n"
    matrix = "comparison,alternative,indicator,value\n" + "".join(f"2014-2020,{y},C21,{y - 2000}\n" for y in range(2014, 2021))
    files = st.fixed_dictionaries(
        {
            "candidate": st.one_of(st.just(good.encode()), edited_csv(good), csv_bytes()),
            "diagnosis": st.one_of(st.just(diagnosis.encode()), edited_csv(diagnosis), csv_bytes()),
            "matrix": st.one_of(st.just(matrix.encode()), edited_csv(matrix), csv_bytes()),
            "extrapolation": st.sampled_from(["0", "2", "-3", "x", "99999999999999999999"]),
        }
    )

    def check(given):
        with tempfile.TemporaryDirectory() as tmp:
            paths = {name: Path(tmp) / f"{name}.csv" for name in ("candidate", "diagnosis", "matrix")}
            for name, path in paths.items():
                path.write_bytes(given[name])
            argv = [
                *("diagnose", str(paths["candidate"]), "--diagnosis", str(paths["diagnosis"]), "--matrix"),
                *(str(paths["matrix"]), "--sources", str(ROOT / "data/sources.csv"), "--project", str(ROOT)),
                *("--max-extrapolation", given["extrapolation"]),
            ]
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse's refusal of an option: usage and one line
                code = exit_.code
            out, err = capsys.readouterr()
            assert "Traceback" not in out + err and "Empty DataFrame" not in out
            if code == 0:
                assert "verdict" in out
            elif code == 1 and out:  # the candidate's problems, each naming it
                assert all(line.startswith(f"{paths['candidate']}:") for line in out.splitlines()), out
            else:
                assert code in (1, 2) and err.strip().splitlines()[-1].startswith(("porteval diagnose: ", "porteval: error:"))

    fuzz(examples, files, check)


@budgets
def test_curate_answers_any_dossier_in_one_line_and_writes_only_where_told(examples, capsys):
    columns = ("entity", "indicator", "year", "value", "unit", "source_url", "source_title", "excerpt", "note")

    def check(content):
        with tempfile.TemporaryDirectory() as tmp:
            dossier, out = Path(tmp) / "dossier", Path(tmp) / "out"
            dossier.mkdir()
            (dossier / "a.csv").write_bytes(content)
            code = main(["curate", "--dossier", str(dossier), "--out", str(out), "--project", str(ROOT)])
            printed, err = capsys.readouterr()
            assert "Traceback" not in printed + err
            if code == 0:
                assert "candidate rows" in printed and (out / "sources.csv").is_file()
            else:
                assert code == 2 and one_line(err).startswith("porteval curate: ")
            assert {p.name for p in Path(tmp).iterdir()} <= {"dossier", "out"}

    good = (ROOT / "data/dossier/ports_throughput.csv").read_text(encoding="utf-8")
    fuzz(examples, st.one_of(edited_csv("\n".join(good.splitlines()[:8])), csv_bytes(columns)), check)


@pytest.mark.parametrize("command", ["validate", "diagnose", "curate"])
def test_each_command_refuses_special_files_in_one_line(command, capsys, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for special in (fifo, Path("/dev/zero"), tmp_path):
        argv = {
            "validate": ["validate", str(special), "--entities", str(special)],
            "diagnose": ["diagnose", str(special), "--diagnosis", str(special)],
            "curate": ["curate", "--dossier", str(special / "x"), "--zhang", str(special)],
        }[command]
        with within(SECONDS):
            code = main([*argv, "--project", str(ROOT)])
        _, err = capsys.readouterr()
        assert code == 2 and one_line(err).startswith(f"porteval {command}: ")


@pytest.mark.slow
def test_the_workflow_refuses_any_config_before_any_job_with_a_config_error(tmp_path):
    """`snakemake -n --configfile` with the synthetic project's config, values replaced by anything: a plan, or a
    refusal that is a ConfigError (naming the key) or Snakemake's own refusal, never another error raised while the
    workflow is read (Snakemake shows those as "TypeError in file …, line …"). Only YAML mappings: Snakemake loads a
    --configfile itself before the workflow is read, and meets a file that is not UTF-8 with a traceback of its own
    (docs/security.md)."""
    import re

    from conftest import make_project, snakemake

    project = make_project(tmp_path / "project")
    base = yaml.safe_load((project / "config/config.yaml").read_text(encoding="utf-8"))
    raised = re.compile(r"^(\w+) in file .*, line \d+:$", re.MULTILINE)

    def check(content):
        (project / "config/fuzz.yaml").write_bytes(content)
        run = snakemake(project, "-n", "--configfile", "config/fuzz.yaml")
        said = run.stdout + run.stderr
        assert "Traceback (most recent call last)" not in said, said[-3000:]
        assert {m.group(1) for m in raised.finditer(said)} <= {"ConfigError"}, said[-3000:]

    fuzz(WORKFLOW, edited_yaml(base), check)

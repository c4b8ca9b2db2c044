"""Bad input and faults, by category (tidy files, wide sheets, config, the file system, interruption): each case
gets one clear message naming the file, line and column or the config key; never a traceback or a silent wrong
number. The whole-workflow cases run on the SYNTHETIC project of test_workflow.py: each that changes a completed
run changes its own copy of the session's one run (conftest.run_copy)."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import CATALOGUE, HEADER, make_project, snakemake

from porteval.catalogue import ConfigError, load_catalogue, raw_inventory
from porteval.configcheck import check_studies, validate_config
from porteval.io import read_tidy, read_wide_sheet
from porteval.papers import PAPERS
from porteval.validate import validate_files

ROOT = Path(__file__).resolve().parents[1]
ROW = "Ningbo-Zhoushan Port,C22,{year},{value},万TEU,src1,{value}万标箱,\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(problems):
    return [str(p) for p in problems]


# --- tidy files -------------------------------------------------------------------------------------------------


def test_validation_and_ingest_read_a_file_alike(tmp_path, sources):
    """A trailing space after a port name is the port (one reader for both): observed, not a gap."""
    path = write(tmp_path, "port.csv", HEADER + "Ningbo-Zhoushan Port ,C22, 2015 , 2063 ,万TEU,src1,q,\n")
    assert validate_files([path], CATALOGUE, sources) == []
    row = read_tidy([path]).iloc[0]
    assert (row["entity"], row["year"], row["value"]) == ("Ningbo-Zhoushan Port", 2015, 2063.0)


def test_a_quoted_line_break_does_not_shift_the_lines_after_it(tmp_path, sources):
    body = 'Ningbo-Zhoushan Port,C22,2015,2063,万TEU,src1,"a quote\nover two lines",\n' + ROW.format(year=2016, value="x")
    problems = validate_files([write(tmp_path, "port.csv", HEADER + body)], CATALOGUE, sources)
    assert [(p.line, p.column) for p in problems] == [(4, "value")]
    assert read_tidy([write(tmp_path, "ok.csv", HEADER + body.replace(",x,", ",2157,").replace("x万", "2157万"))])[
        "line"
    ].tolist() == [2, 4]


def test_a_column_given_twice_is_a_problem_not_a_silent_choice(tmp_path, sources):
    body = ROW.format(year=2015, value=2063).replace(",\n", ",9\n")
    path = write(tmp_path, "port.csv", HEADER.replace("note", "value") + body)
    found = messages(validate_files([path], CATALOGUE, sources))
    assert f"{path}:1: column 'value': the column appears more than once (hint: keep one column of each name)" in found


def test_a_misspelt_column_does_not_hide_the_problems_of_the_rows(tmp_path, sources):
    """validate reports every problem at once: the header's, and the rows' read as the misspelt column meant."""
    body = "Ningbo-Zhoushan Port,C99,2015,2063,万TEU,src1,q,\n" + ROW.format(year="20x6", value=2157)
    path = write(tmp_path, "port.csv", HEADER.replace("indicator", "indicatr") + body)
    found = messages(validate_files([path], CATALOGUE, sources))
    assert f"{path}:1: column 'indicatr': unknown column (hint: did you mean 'indicator'?)" in found
    assert f"{path}:1: column 'indicator': missing column" in " ".join(found)
    assert any(m.startswith(f"{path}:2: column 'indicatr': unknown indicator 'C99'") for m in found), found
    assert any(m.startswith(f"{path}:3: column 'year': year '20x6'") for m in found), found
    lost = write(tmp_path, "lost.csv", HEADER.replace("indicator", "zzz") + body)  # resembles nothing: header only
    assert {p.line for p in validate_files([lost], CATALOGUE, sources)} == {1}


def test_a_row_of_another_entity_in_a_file_named_after_an_entity_is_a_problem(tmp_path, sources):
    """The workflow reads which imputation a file feeds from its name alone: the rows must keep to it."""
    shanghai = ROW.format(year=2016, value=3713).replace("Ningbo-Zhoushan Port", "Shanghai Port")
    path = write(tmp_path, "ningbo_zhoushan_port.yearbook_2016.csv", HEADER + ROW.format(year=2015, value=2063) + shanghai)
    assert messages(validate_files([path], CATALOGUE, sources)) == [
        f"{path}:3: column 'entity': 'Shanghai Port' in a file named after 'Ningbo-Zhoushan Port' (hint: a file named "
        "ningbo_zhoushan_port.csv or ningbo_zhoushan_port.<label>.csv holds only 'Ningbo-Zhoushan Port'; move the row, "
        "or give a file for several entities a name that is not an entity's)"
    ]
    capitals = write(tmp_path, "Ningbo_Zhoushan_Port.csv", HEADER + shanghai)
    assert "in a file named after 'Ningbo-Zhoushan Port'" in messages(validate_files([capitals], CATALOGUE, sources))[0]
    several = write(tmp_path, "yearbook_2016.csv", HEADER + ROW.format(year=2015, value=2063) + shanghai)
    assert validate_files([several], CATALOGUE, sources) == []


@pytest.mark.parametrize(("separator", "word"), [("\t", "tabs"), (";", "semicolons")])
def test_a_file_with_tabs_or_semicolons_gets_a_hint(tmp_path, sources, separator, word):
    path = write(tmp_path, "port.csv", HEADER.replace(",", separator) + ROW.format(year=2015, value=2063).replace(",", separator))
    assert messages(validate_files([path], CATALOGUE, sources)) == [
        f"{path}:1: the file separates its columns with {word} (hint: save it as comma-separated CSV)"
    ]


def test_equal_numbers_written_differently_are_one_value(tmp_path, sources):
    a = write(tmp_path, "a.csv", HEADER + ROW.format(year=2015, value="2063"))
    b = write(tmp_path, "b.csv", HEADER + ROW.format(year=2015, value="2063.0"))
    c = write(tmp_path, "c.csv", HEADER + ROW.format(year=2015, value="2064"))
    assert validate_files([a, b], CATALOGUE, sources) == []
    (problem,) = validate_files([a, c], CATALOGUE, sources)
    assert (Path(problem.file).name, problem.line, problem.column) == ("c.csv", 2, "value") and "a.csv:2" in problem.message


def test_a_missing_or_broken_sources_table_is_reported_alone(tmp_path):
    raw = write(tmp_path, "port.csv", HEADER + ROW.format(year=2015, value=2063))
    assert messages(validate_files([raw], CATALOGUE, tmp_path / "nope.csv")) == [
        f"{tmp_path / 'nope.csv'}:0: no such file (hint: config data.sources names it)"
    ]
    broken = write(tmp_path, "sources.csv", "id,kind\nsrc1,page\n")
    problems = validate_files([raw], CATALOGUE, broken)
    assert problems and all(p.file == str(broken) for p in problems)  # not one 'unknown source_id' per raw row


def test_the_command_never_tracebacks_on_a_missing_file_or_a_terminal_that_is_not_utf8(tmp_path, sources):
    missing = tmp_path / "gone.csv"
    bad = write(tmp_path, "port.csv", HEADER + ROW.format(year=2015, value="约2063"))
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [sys.executable, "-m", "porteval", "validate", str(missing), str(bad), "--sources", str(sources)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{missing}:0: no such file" in run.stdout
    assert f"{bad}:2: column 'value'" in run.stdout and "\\u7ea6" in run.stdout  # escaped, not an encoding error


# --- wide sheets ------------------------------------------------------------------------------------------------


def sheet(tmp_path, text, **spec):
    """A wide-sheet entry as the workflow passes it: checked against the schema, its defaults filled in."""
    path = write(tmp_path, "yearbook.csv", text)
    spec = {"path": str(path), "entity": "Ningbo", "source_id": "tab1", "label_column": "指标", "rows": {"货运量": "C35"}} | spec
    return config(**{"data.wide_sheets": [spec]})["data"]["wide_sheets"][0]


def test_a_wide_sheet_with_year_headers_like_2016nian_reads_as_tidy_rows(tmp_path, sources):
    spec = sheet(tmp_path, "指标,2016年,2017年\n货运量,52000,54000\n其他,1,2\n")
    assert validate_files([], CATALOGUE, sources, [spec]) == []
    rows = read_wide_sheet(spec, CATALOGUE)
    assert rows[["year", "value", "line"]].values.tolist() == [[2016, 52000.0, 2], [2017, 54000.0, 2]]


def test_a_wide_sheet_gets_the_same_checks_naming_its_row_and_column(tmp_path, sources):
    spec = sheet(tmp_path, '指标,2016,2017\n货运量,"52,000",54000\n', rows={"货运量": "C35", "铁路": "C36"}, source_id="nope")
    problems = messages(validate_files([], CATALOGUE, sources, [spec]))
    assert (
        f"{spec['path']}:2: column '2016': value '52,000' is not a plain number (hint: thousands separators: write 52000)"
        in problems
    )
    assert any("the mapping's row label '铁路' is not in the sheet" in p for p in problems)
    assert any(":2: column 'source_id': unknown source_id 'nope'" in p for p in problems)


def test_a_wide_sheet_value_that_conflicts_with_a_tidy_file_is_a_duplicate(tmp_path, sources):
    tidy = write(tmp_path, "ningbo.csv", HEADER + "Ningbo,C35,2016,51000,万吨,tab1,,\n")
    spec = sheet(tmp_path, "指标,2016\n货运量,52000\n")
    (problem,) = validate_files([tidy], CATALOGUE, sources, [spec])
    assert problem.file == spec["path"] and problem.column == "2016" and "duplicate (Ningbo, C35, 2016)" in problem.message


# --- config ----------------------------------------------------------------------------------------------------


def config(**changes):
    """The shipped config with ``changes``, checked against the schema and its defaults filled in, as the workflow
    passes it on."""
    cfg = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        node = cfg
        *path, last = key.split(".")
        for part in path:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    validate_config(cfg, ROOT / "config/schemas/config.schema.yaml")
    return cfg


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"audit_trail": [{"study": "four_ports", "alternative": "Qingdao Port"}]}, "audit_trail[0].alternative: 'Qingdao Port'"),
        (
            {"audit_trail": [{"study": "four_ports", "alternative": "Dalian Port", "comparison": "2031"}]},
            "audit_trail[0].comparison",
        ),
        ({"studies.ningbo_longitudinal.years": [2016, 2016]}, "studies.ningbo_longitudinal.years: a longitudinal study"),
        (  # docs/extending.md "A new year", applied to the study that reproduces the paper: refused before any job, with the way
            {"studies.ningbo_longitudinal.years": [2014, 2021]},
            "studies.ningbo_longitudinal.years: ningbo_longitudinal reproduces Zeng et al. (2022) Table 2 and Table 3 "
            "and Table 4 (2014-2020); to study 2021 too, add a study of your own",
        ),
        (  # docs/extending.md "A new port", applied to the study that reproduces Tables 5-6
            {
                "studies.four_ports.ports": [
                    "Shenzhen Port",
                    "Shanghai Port",
                    "Dalian Port",
                    "Ningbo-Zhoushan Port",
                    "Qingdao Port",
                ]
            },
            "studies.four_ports.ports: four_ports reproduces Zeng et al. (2022) Table 5 and Table 6, which compare Shenzhen "
            "Port, Shanghai Port, Dalian Port, Ningbo-Zhoushan Port; to add Qingdao Port",
        ),
        (
            {"studies.four_ports.reproduces": "zeng2022_cross_prot"},
            "studies.four_ports.reproduces: 'zeng2022_cross_prot' is not a paper a study reproduces (porteval/papers.yaml: "
            + ", ".join(paper for paper, entry in PAPERS.items() if "study_kind" in entry),
        ),
        (
            {"studies.four_ports.reproduces": "zhang2"},  # an entry reproduced from a file, not by a study
            "studies.four_ports.reproduces: 'zhang2' is not a paper a study reproduces",
        ),
        ({"robustness.smaa.chunks": 20000}, "robustness.smaa.chunks: 20000 chunks for 10000 draws"),
        (  # a billion chunks passed, and snakemake -n stalled planning a billion jobs
            {"robustness.smaa.draws": 10**9, "robustness.smaa.chunks": 10**9},
            "robustness.smaa.chunks: 1000000000 chunks would be 1000000000 jobs per study; at most 1000",
        ),
        ({"robustness.data.draws": 10**9}, "robustness.data.draws: a job would need about"),
        ({"data.raw": "data/nowhere"}, "data.raw: data/nowhere is not a folder"),
        ({"data.sources": "data/nope.csv"}, "data.sources: data/nope.csv: no such file"),
        (
            {"data.wide_sheets": [{"path": "no.xlsx", "entity": "Ningbo", "source_id": "x", "rows": {"a": "C99", "b": "C21"}}]},
            "data.wide_sheets[0].path: no.xlsx: no such file",
        ),
    ],
)
def test_config_errors_name_their_key(changes, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(ConfigError) as err:
        check_studies(config(**changes), CATALOGUE)
    assert expected in str(err.value)


def test_a_study_that_reproduces_the_paper_must_use_the_papers_indicators(monkeypatch):
    import dataclasses

    monkeypatch.chdir(ROOT)
    own = CATALOGUE.indicators.rename(index={"C21": "S01"})
    with pytest.raises(ConfigError) as err:
        check_studies(config(), dataclasses.replace(CATALOGUE, indicators=own))
    assert "studies.ningbo_longitudinal.reproduces: zeng2022_longitudinal is compared" in str(err.value)
    assert "S01 is not among them" in str(err.value)
    flipped = CATALOGUE.indicators.copy()
    flipped.loc["C63", "direction"] = "cost"
    with pytest.raises(ConfigError) as err:
        check_studies(config(), dataclasses.replace(CATALOGUE, indicators=flipped))
    assert "the catalogue defines C63 as X6 cost, the paper as X6 benefit" in str(err.value)
    plain = config()
    for study in plain["studies"].values():
        study.pop("reproduces", None)
    check_studies(plain, dataclasses.replace(CATALOGUE, indicators=flipped))  # a study of its own may define C63 so


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"robustness.smaa.draws": 5}, "robustness.smaa.draws: must be bigger than or equal to 100"),
        ({"robustness.smaa.drawz": 5}, "robustness.smaa: must not contain {'drawz'} properties"),
        ({"studies.four_ports.kind": "panel"}, "studies.four_ports.kind: must be one of ['longitudinal', 'cross_port']"),
        ({"imputation.max_extrapolation": "2"}, "imputation.max_extrapolation: must be integer"),
        ({"robustness.smaa.draws": 2000.0}, "robustness.smaa.draws: must be a whole number written without a decimal point"),
        ({"robustness.data.seed": -1}, "robustness.data.seed: must be bigger than or equal to 0"),
        ({"data.level_break_threshold": float("nan")}, "data.level_break_threshold: must be a finite number, not nan"),
    ],
)
def test_schema_errors_name_their_key(changes, expected):
    with pytest.raises(ConfigError) as err:
        config(**changes)  # checked against the schema
    assert str(err.value).startswith(expected)


def test_a_wide_sheet_mapping_names_each_bad_row_and_a_weights_file_each_repeated_indicator(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad_sheet = {"path": "README.md", "entity": "Ningbo", "source_id": "x", "rows": {"a": "C99", "b": "C21"}}
    with pytest.raises(ConfigError) as err:
        check_studies(config(**{"data.wide_sheets": [bad_sheet]}), CATALOGUE)
    text = str(err.value)
    assert "data.wide_sheets[0].rows['a']: unknown indicator 'C99'" in text
    assert "data.wide_sheets[0].rows['b']: C21 is a port statistic" in text
    assert "data.wide_sheets[0].source_id: 'x' is not in data/sources.csv" in text
    weights = tmp_path / "w.csv"
    codes = list(CATALOGUE.indicators.index)
    pd.DataFrame({"indicator": codes + ["C21"], "weight": [1 / 20] * 20}).to_csv(weights, index=False)
    with pytest.raises(ConfigError, match=r"weighting.file: .* names C21 more than once"):
        check_studies(config(**{"weighting": {"mode": "file", "file": str(weights)}}), CATALOGUE)


def test_a_weights_file_that_gives_a_studys_indicators_no_weight_is_refused(tmp_path, monkeypatch):
    """All weight on indicators the study leaves out gave empty weights and scores, exit 0."""
    monkeypatch.chdir(ROOT)
    weights = tmp_path / "w.csv"
    codes = list(CATALOGUE.indicators.index)
    pd.DataFrame({"indicator": codes, "weight": [1.0 if c == "C21" else 0.0 for c in codes]}).to_csv(weights, index=False)
    changes = {"weighting": {"mode": "file", "file": str(weights)}, "studies.ningbo_2014_2024.indicators": ["C11", "C12"]}
    with pytest.raises(ConfigError) as err:
        check_studies(config(**changes), CATALOGUE)
    assert f"weighting.file: {weights} gives the indicators of study ningbo_2014_2024 (C11, C12) no weight" in str(err.value)
    changes["studies.ningbo_2014_2024.indicators"] = ["C11", "C21"]  # some weight: the study runs on it
    check_studies(config(**changes), CATALOGUE)


# --- the file system --------------------------------------------------------------------------------------------


def test_every_entry_of_the_raw_folder_is_read_or_refused(tmp_path):
    for name in ("ningbo.csv", "Shanghai.CSV", "notes.txt", "book.xlsx", ".gitkeep"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "gone.csv").symlink_to(tmp_path / "missing.csv")
    read, refused = raw_inventory(tmp_path)
    assert read == [str(tmp_path / "ningbo.csv")]
    text = "\n".join(refused)
    assert f"{tmp_path / 'Shanghai.CSV'}: rename it to Shanghai.csv" in text
    assert f"{tmp_path / 'gone.csv'}: a link to a file that does not exist" in text
    assert f"{tmp_path / 'book.xlsx'}: a spreadsheet" in text and f"{tmp_path / 'old'}: a folder" in text
    assert f"{tmp_path / 'notes.txt'}: not a raw CSV file" in text and ".gitkeep" not in text


@pytest.mark.slow
def test_a_raw_file_named_with_capitals_stops_the_run_before_any_job(run_copy):
    raw = run_copy / "data/raw/shanghai_port.csv"
    raw.rename(raw.with_name("shanghai_port.CSV"))
    run = snakemake(run_copy, "-n")
    said = run.stdout + run.stderr  # Snakemake prints an error of the Snakefile on stdout
    assert run.returncode != 0 and "data.raw holds files the workflow cannot read" in said
    assert "shanghai_port.CSV: rename it to shanghai_port.csv" in said


@pytest.mark.slow
def test_a_deleted_raw_file_reruns_its_studies_and_deleting_an_entitys_only_file_is_refused(run_copy):
    raw = run_copy / "data/raw/dalian.csv"
    text = raw.read_text(encoding="utf-8")
    extra = run_copy / "data/raw/dalian.yearbook.csv"
    extra.write_text(text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n", encoding="utf-8")  # a row it repeats
    raw.write_text("\n".join(text.splitlines()[:1] + text.splitlines()[2:]) + "\n", encoding="utf-8")
    assert snakemake(run_copy).returncode == 0
    extra.unlink()
    planned = snakemake(run_copy, "-n")
    out = planned.stdout + planned.stderr
    assert planned.returncode == 0 and "study=synthetic_ports" in out and "entity=dalian" in out
    raw.unlink()  # now no file holds Dalian's values: refused before any job, not a failed job
    planned = snakemake(run_copy, "-n")
    assert planned.returncode != 0 and "no raw file holds values for 'Dalian'" in planned.stdout + planned.stderr


@pytest.mark.slow
def test_a_yaml_syntax_error_names_the_file_line_and_column(tmp_path):
    project = make_project(tmp_path)
    path = project / "config/config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "broken: [1, 2\n", encoding="utf-8")
    run = snakemake(project, "-n")
    said = run.stdout + run.stderr
    assert run.returncode != 0 and "config/config.yaml, line" in said and ", column" in said


# --- faults inside a job and interruption ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_port_with_no_usable_value_fails_its_job_with_one_line_saying_why(run_copy):
    """A port whose file holds only a bound passes the parse-time check (a file can hold it) and fails in the job;
    the message says what each entity lacks itself, since the failed job's dropped.csv is deleted with it."""
    for entity, code, unit in (("Shenzhen Port", "C21", "万吨"), ("Shenzhen", "C34", "元")):
        (run_copy / f"data/raw/{entity.lower().replace(' ', '_')}.csv").write_text(
            "entity,indicator,year,value,unit,qualifier,source_id,quote,note\n"
            f"{entity},{code},2015,20000,{unit},lower_bound,synthetic,,SYNTHETIC bound\n",
            encoding="utf-8",
        )
    cfg_path = run_copy / "config/config.yaml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["studies"]["synthetic_ports"]["ports"] = ["Shanghai Port", "Shenzhen Port"]
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    run = snakemake(run_copy)
    assert run.returncode != 0
    said = "study synthetic_ports failed: no indicator has a value for every port and year: "
    assert said + "Shenzhen: C34 no observed value; Shenzhen Port: C11 C21" in run.stderr
    (line,) = [line for line in run.stderr.splitlines() if "study synthetic_ports failed" in line]
    assert "dropped.csv" not in line and "results/data/coverage.csv shows" in line
    log = (run_copy / "logs/study/synthetic_ports.log").read_text(encoding="utf-8")
    assert "Traceback" in log  # the details go to the job's own log
    # no record of a run that did not finish: the completed run's was removed at this run's start
    assert not (run_copy / "results/ro-crate-metadata.json").exists()


@pytest.mark.slow
def test_adding_a_source_does_not_check_or_ingest_every_file_again(run_copy):
    sources = run_copy / "data/sources.csv"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text + "new-source,page,A new page,someone,http://example.org/new,,\n", encoding="utf-8")
    planned = snakemake(run_copy, "-n")
    out = planned.stdout + planned.stderr
    assert planned.returncode == 0 and "rule data_summary" in out  # the sources table itself is checked
    assert "rule entity" not in out and "rule ingest" not in out


# --- untrusted names, text and files (security) ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../../ESCAPED", "", "x{study}y", ".", "a/b", "-x"])
def test_a_study_name_that_is_not_a_plain_folder_name_is_refused_before_any_job(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    cfg = config()
    cfg["studies"][name] = cfg["studies"].pop("ningbo_2014_2024")
    with pytest.raises(ConfigError) as err:
        check_studies(cfg, CATALOGUE)
    assert f"studies.{name!r}: a study's name is a folder under results/" in str(err.value)


def test_entities_whose_names_give_one_file_name_are_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    entities = yaml.safe_load((ROOT / "config/entities.yaml").read_text(encoding="utf-8"))
    entities["ports"]["Ningbo Zhoushan Port"] = dict(entities["ports"]["Ningbo-Zhoushan Port"])
    entities["cities"]["../Up"] = {"name_zh": "x"}
    path = write(tmp_path, "entities.yaml", yaml.safe_dump(entities, allow_unicode=True))
    with pytest.raises(ConfigError) as err:
        check_studies(config(), load_catalogue(ROOT / "config/indicators.yaml", path))
    text = str(err.value)
    assert "give the same file name 'ningbo_zhoushan_port' and would share one series" in text
    assert "'Ningbo-Zhoushan Port'" in text and "'Ningbo Zhoushan Port'" in text
    assert "catalogue.entities cities.'../Up': an entity's name becomes a file name" in text


def test_a_config_that_asks_for_code_evaluation_is_refused(tmp_path):
    from porteval.configcheck import check_yaml

    path = write(tmp_path, "evil.yaml", "__use_yte__: true\nstudies: {}\n")
    with pytest.raises(ConfigError, match="__use_yte__ makes Snakemake evaluate"):
        check_yaml(path)
    with pytest.raises(ConfigError, match="a folder, not a file"):
        check_yaml(tmp_path)  # a folder given as a config file


def test_a_key_given_twice_in_a_config_is_refused_with_its_line(tmp_path):
    from porteval.configcheck import check_yaml

    path = write(tmp_path, "twice.yaml", "robustness:\n  smaa: {draws: 100}\n  smaa: {draws: 5000}\n")
    with pytest.raises(ConfigError, match=r"twice.yaml, line 3, column 3: the key 'smaa' is given twice"):
        check_yaml(path)


def test_a_pipe_in_the_raw_folder_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "stream.csv")
    read, refused = raw_inventory(tmp_path)  # opening a FIFO would block for ever
    assert read == [] and f"{tmp_path / 'stream.csv'}: not a regular file" in refused[0]


@pytest.mark.parametrize(
    ("value", "hint"),
    [("1" + "0" * 400, "too large for floating point"), ("0." + "0" * 400 + "1", "too small for floating point")],
)
def test_a_number_floating_point_cannot_hold_is_a_problem_not_inf_or_zero(tmp_path, sources, value, hint):
    path = write(tmp_path, "ningbo_zhoushan_port.csv", HEADER + ROW.format(year=2016, value=value))
    found = messages(validate_files([path], CATALOGUE, sources))
    assert any(f"{path}:2" in m and "value" in m and hint in m for m in found), found


def test_free_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tmp_path, sources):
    text = HEADER + 'Ningbo-Zhoushan Port,C22,2016,2157,万TEU,src1,=HYPERLINK("x"),@SUM(1)\n'
    frame = read_tidy([write(tmp_path, "ningbo_zhoushan_port.csv", text)])
    assert frame.loc[0, "quote"] == '\'=HYPERLINK("x")' and frame.loc[0, "note"] == "'@SUM(1)"


# --- stale results ----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_restored_older_file_and_an_edited_published_table_rerun_their_dependants(run_copy):
    raw = run_copy / "data/raw/dalian_port.csv"
    text, stat = raw.read_text(encoding="utf-8"), raw.stat()
    raw.write_text(text.replace("42000", "42001"), encoding="utf-8")
    os.utime(raw, (stat.st_atime, stat.st_mtime))  # the content of another day, with the old time
    planned = snakemake(run_copy, "-n")
    out = planned.stdout + planned.stderr
    assert planned.returncode == 0 and "touched: data/raw/dalian_port.csv" in out
    assert "entity=dalian_port" in out and "study=synthetic_ports" in out
    table = run_copy / "data/reference/zeng2022_table4_overall.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("44.01", "44.02"), encoding="utf-8")
    out = "".join(snakemake(run_copy, "-n").stdout)
    assert "rule reproduce" in out and "rule claims" in out


@pytest.mark.slow
def test_a_truncated_intermediate_is_set_aside_and_made_again_with_what_reads_it_in_one_run(run_copy):
    matrix = run_copy / "results/studies/synthetic_ports/matrix.csv"
    text = matrix.read_text(encoding="utf-8")
    half = "".join(text.splitlines(keepends=True)[: len(text.splitlines()) // 2])
    matrix.write_text(half, encoding="utf-8")
    for options in (["-n"], ["--unlock"], ["results/data/coverage.csv"]):  # none of them would make it again
        run = snakemake(run_copy, *options)
        assert run.returncode == 0, run.stderr[-2000:]
        assert "matrix.csv; not made again by this run (a dry run, another mode or other targets)" in run.stderr
        assert matrix.read_text(encoding="utf-8") == half and not Path(f"{matrix}.damaged").exists()  # nothing changed
    run = snakemake(run_copy)
    assert run.returncode == 0, run.stderr[-2000:]
    said = run.stdout + run.stderr
    assert "changed since the workflow wrote it (cut short or edited by hand), set aside as " in said
    assert "results/studies/synthetic_ports/matrix.csv.damaged and made again" in said and "rule study:" in said
    assert "rule study_figures" in said  # and what reads it
    assert matrix.read_text(encoding="utf-8") == text and Path(f"{matrix}.damaged").read_text(encoding="utf-8") == half
    assert "Nothing to be done" in "".join(snakemake(run_copy, "-n").stdout)
    matrix.unlink()  # deleted, not damaged: a documented file is a target, made again with what reads it
    run = snakemake(run_copy)
    assert run.returncode == 0 and "rule study:" in run.stdout + run.stderr and matrix.read_text(encoding="utf-8") == text


@pytest.mark.slow
def test_a_failed_run_marks_the_earlier_report_stale_until_a_run_succeeds(run_copy):
    raw = run_copy / "data/raw/dalian_port.csv"
    text = raw.read_text(encoding="utf-8")
    report = run_copy / "results/report/report.html"
    try:
        raw.write_text(text.replace("42000", "42000x", 1), encoding="utf-8")  # passes parsing, fails its check job
        run = snakemake(run_copy)
        assert run.returncode != 0
        assert "report.html is from an earlier run and now says so" in run.stderr
        assert "Stale: the latest run failed" in report.read_text(encoding="utf-8")
    finally:
        raw.write_text(text, encoding="utf-8")
    run = snakemake(run_copy)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Stale" not in report.read_text(encoding="utf-8") and "made again" not in run.stderr


@pytest.mark.slow
def test_remaking_the_report_alone_takes_one_run(run_copy):
    assert snakemake(run_copy, "--forcerun", "report").returncode == 0
    assert (run_copy / "results/ro-crate-metadata.json").exists()
    (run_copy / "results/report/report.html").unlink()
    run = snakemake(run_copy)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (run_copy / "results/report/report.html").exists() and (run_copy / "results/ro-crate-metadata.json").exists()


def test_your_exact_value_beats_a_suspect_dossier_value_without_curation(tmp_path, sources):
    # Issue: an exact 2021 yearbook value for Ningbo-Zhoushan C63 collided with the dossier's suspect 120.8.
    header = "entity,indicator,year,value,unit,qualifier,source_id,quote,note\n"
    dossier = write(
        tmp_path, "ningbo_zhoushan_port.csv", header + "Ningbo-Zhoushan Port,C22,2021,120.8,万TEU,suspect,src1,120.8万标箱,\n"
    )
    own = write(
        tmp_path,
        "ningbo_zhoushan_port.yearbook_2021.csv",
        header + "Ningbo-Zhoushan Port,C22,2021,125.1,万TEU,exact,src1,125.1万标箱,\n",
    )
    assert validate_files([dossier, own], CATALOGUE, sources) == []
    frame = read_tidy([dossier, own])
    assert frame.loc[frame["qualifier"] == "exact", "value"].tolist() == [125.1]  # the one the analysis uses
    twice = write(
        tmp_path, "ningbo_zhoushan_port.other.csv", header + "Ningbo-Zhoushan Port,C22,2021,130,万TEU,exact,src1,130万标箱,\n"
    )
    (problem,) = validate_files([dossier, own, twice], CATALOGUE, sources)
    assert "ningbo_zhoushan_port.other.csv" in problem.file and "yearbook_2021.csv:2" in problem.message


# --- the command line ----------------------------------------------------------------------------------------------


def porteval(*args, cwd):
    return subprocess.run([sys.executable, "-m", "porteval", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_porteval_finds_its_project_from_any_folder_in_it_and_says_so_outside_one(tmp_path):
    inside = porteval("validate", "../data/raw/ningbo.csv", cwd=ROOT / "docs")
    assert inside.returncode == 0 and "1 file(s) checked, 0 problem(s)" in inside.stdout
    outside = porteval("validate", str(ROOT / "data/raw/ningbo.csv"), cwd=tmp_path)
    assert outside.returncode == 2 and "no porteval project here or above" in outside.stderr and "--project" in outside.stderr
    given = porteval("validate", str(ROOT / "data/raw/ningbo.csv"), "--project", str(ROOT), cwd=tmp_path)
    assert given.returncode == 0, given.stderr
    helped = porteval("diagnose", "--help", cwd=tmp_path)
    assert "(default: data/sources.csv)" in helped.stdout and "the run's series diagnosis" in helped.stdout


def test_a_result_is_written_even_where_its_checksum_cannot_be_recorded(tmp_path, monkeypatch):
    from porteval import io as porteval_io
    from porteval.io import write_csv

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    (tmp_path / ".snakemake/porteval-written").write_text("a file where the record's folder should be", encoding="utf-8")
    write_csv(pd.DataFrame({"a": [1]}), "results/x.csv")  # the record cannot be made: no error, the result is there
    assert (tmp_path / "results/x.csv").read_text(encoding="utf-8") == "a\n1\n"
    assert porteval_io.WRITTEN.is_file()


def test_the_folders_of_a_study_no_longer_configured_are_listed_as_stale(tmp_path):
    from porteval.stamps import stale_studies

    for folder in ("studies/four_ports", "studies/old_name", "tables/old_name", "figures/four_ports", "robustness/x"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "figures/fig1_subsystems.png").write_text("", encoding="utf-8")  # a file, not a study's folder
    assert stale_studies(tmp_path, ["four_ports"]) == [
        str(tmp_path / "studies/old_name"),
        str(tmp_path / "tables/old_name"),
        str(tmp_path / "robustness/x"),
    ]
    assert stale_studies(tmp_path / "nowhere", ["four_ports"]) == []


@pytest.mark.slow
def test_records_that_are_folders_unreadable_or_name_another_file_never_stop_a_start_or_unlock(run_copy):
    marks = run_copy / ".snakemake/porteval-written"
    coverage = marks / "results/data/coverage.csv.sha256"
    coverage.unlink()
    coverage.mkdir()  # a folder where the record was
    (marks / "results/data/gaps.csv.sha256").write_bytes(b"\xff\xfe")  # not UTF-8
    outside = marks / "data/raw/ningbo.csv.sha256"  # names an input, not a result: it must not act on it
    outside.parent.mkdir(parents=True)
    outside.write_text("0" * 64 + " 1 1", encoding="utf-8")
    raw = (run_copy / "data/raw/ningbo.csv").read_bytes()
    said = ""
    for options in (["--unlock"], ["-n"]):
        run = snakemake(run_copy, *options)
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
        said += run.stderr
    assert "coverage.csv.sha256 cannot be read (a folder, not a file): discarded" in said
    assert "ningbo.csv.sha256 names data/raw/ningbo.csv, not a file under results/: discarded" in said
    assert (run_copy / "data/raw/ningbo.csv").read_bytes() == raw and not outside.exists()

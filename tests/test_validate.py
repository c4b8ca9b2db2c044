"""porteval validate: every problem reported at once, with file, line, column and a hint; never a traceback."""

import shutil

import pytest
from conftest import HEADER, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from porteval.catalogue import load_catalogue
from porteval.cli import main
from porteval.validate import parse_number, validate_files

GOOD = "Ningbo-Zhoushan Port,C22,2015,2063,万TEU,src1,2063万标箱,\n"


@pytest.fixture
def catalogue():
    return load_catalogue(ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml")


def check(tmp_path, catalogue, sources, body, header=HEADER, raw=None):
    path = tmp_path / "port.csv"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(header + body, encoding="utf-8")
    return validate_files([path], catalogue, sources)


def test_clean_file_has_no_problem(tmp_path, catalogue, sources):
    assert check(tmp_path, catalogue, sources, GOOD) == []


@pytest.mark.parametrize(
    "text, hint",
    [
        ("1,234", "thousands separators"),
        ("—", "missing-value mark"),
        ("约12", "approximation or bound"),
        ("１２３", "full-width"),
        ("12.3万", "unit inside the value"),
        ("abc", "plain decimal"),
    ],
)
def test_values_that_are_not_plain_numbers(text, hint):
    value, why = parse_number(text)
    assert value is None and hint in why


@pytest.mark.parametrize(
    "line, column, message",
    [
        ("Ningbo-Zhoushan Port,C99,2015,1,万TEU,src1,q,\n", "indicator", "unknown indicator"),
        ("Ningbo Zhoushan,C22,2015,1,万TEU,src1,q,\n", "entity", "unknown entity"),
        ("Ningbo-Zhoushan Port,C22,2015,-5,万TEU,src1,q,\n", "value", "negative value"),
        ("Ningbo-Zhoushan Port,C22,2015,1,TEU,src1,q,\n", "unit", "disagrees with the catalogue"),
        ("Ningbo-Zhoushan Port,C22,1850,1,万TEU,src1,q,\n", "year", "out of range"),
        ("Ningbo-Zhoushan Port,C22,2015,1,万TEU,,q,\n", "source_id", "missing source_id"),
        ("Ningbo-Zhoushan Port,C22,2015,1,万TEU,nosuch,q,\n", "source_id", "unknown source_id"),
        ("Ningbo-Zhoushan Port,C22,2015,1,万TEU,src1,,\n", "quote", "missing quote"),
        ("Ningbo-Zhoushan Port,C31,2015,1,亿元,src1,q,\n", "indicator", "city statistic"),
        ("Ningbo-Zhoushan Port,C22,2015,2064,万TEU,src1,q,\n", "value", "duplicate"),
    ],
)
def test_each_problem_names_line_and_column(tmp_path, catalogue, sources, line, column, message):
    problems = check(tmp_path, catalogue, sources, GOOD + line)
    assert any(p.line == 3 and p.column == column and message in p.message for p in problems), problems


def test_table_sources_need_no_quote(tmp_path, catalogue, sources):
    assert check(tmp_path, catalogue, sources, "Ningbo-Zhoushan Port,C22,2015,2063,万TEU,tab1,,\n") == []


def test_misspelt_and_missing_columns(tmp_path, catalogue, sources):
    problems = check(tmp_path, catalogue, sources, "", header="entity,indicator,year,value,unit,sorce_id,quote,note\n")
    assert any(p.column == "sorce_id" and "did you mean 'source_id'" in p.hint for p in problems)
    assert any(p.column == "source_id" and p.message == "missing column" for p in problems)


def test_gbk_bom_and_empty_files(tmp_path, catalogue, sources):
    gbk = check(tmp_path, catalogue, sources, "", raw=(HEADER + GOOD).encode("gbk"))
    assert any("not UTF-8" in p.message and "GBK" in p.hint for p in gbk)
    bom = check(tmp_path, catalogue, sources, "", raw=b"\xef\xbb\xbf" + (HEADER + GOOD).encode())
    assert any("byte-order mark" in p.message for p in bom)
    assert any("empty" in p.message for p in check(tmp_path, catalogue, sources, "", raw=b""))


def test_all_problems_are_reported_at_once(tmp_path, catalogue, sources):
    body = "Ningbo-Zhoushan Port,C99,2015,x,万TEU,nosuch,q,\nNowhere,C22,1800,1,万TEU,src1,,\n"
    assert len(check(tmp_path, catalogue, sources, body)) >= 6


def test_command_exits_1_and_prints_file_line_column(tmp_path, sources, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = tmp_path / "port.csv"
    path.write_text(HEADER + "Ningbo-Zhoushan Port,C22,2015,1 234,万TEU,src1,q,\n", encoding="utf-8")
    assert main(["validate", str(path), "--sources", str(sources)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: column 'value'" in out
    assert main(["validate", str(ROOT / "data/raw"), "--sources", str(ROOT / "data/sources.csv")]) == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: (HEADER + t).encode("utf-8", "surrogatepass")))
# (surrogates are not valid UTF-8: those files must be reported as such)
def test_random_malformed_files_give_problems_never_a_traceback(tmp_path, catalogue, sources, data):
    problems = check(tmp_path, catalogue, sources, "", raw=data)
    assert problems, "a random file passed validation"
    assert all(p.file.endswith("port.csv") for p in problems)


def test_validate_accepts_a_folder(tmp_path, sources, monkeypatch):
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(ROOT / "data/raw/ningbo.csv", folder)
    assert main(["validate", str(folder)]) == 0

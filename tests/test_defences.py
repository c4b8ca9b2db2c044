"""The cases of the third adversarial round (issue 33), each as a test: one way in for every file
(porteval.inputs), one YAML loader, one rule for names that become path parts, and the `porteval` commands on
hostile input: a one-line refusal naming the file and place, never a traceback."""

import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CATALOGUE, HEADER

from porteval.catalogue import ConfigError, load_catalogue, raw_inventory
from porteval.cli import main
from porteval.configcheck import check_studies, check_yaml
from porteval.inputs import MAX_BYTES, InputError, read_bytes, read_yaml
from porteval.validate import validate_files

ROOT = Path(__file__).resolve().parents[1]
INDICATORS, ENTITIES = ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml"


def config():
    from porteval.configcheck import validate_config

    cfg = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    validate_config(cfg, ROOT / "config/schemas/config.schema.yaml")
    return cfg


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


# --- one way in: special files, sizes, encodings -----------------------------------------------------------------


def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer for ever
    cases = {fifo: r"a pipe \(FIFO\)", tmp_path: "a folder", Path("/dev/zero"): "a device", tmp_path / "no.csv": "no such file"}
    for path, words in cases.items():
        with pytest.raises(InputError, match=words) as err:
            read_bytes(path)
        assert str(err.value).startswith(f"{path}: ")


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: nothing written
    with pytest.raises(InputError, match=f"{big}: 67,108,865 bytes; an input of more than 67,108,864 bytes is refused"):
        read_bytes(big)


def test_a_yaml_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(InputError, match=r"c.yaml, line 2: not UTF-8 text \(byte 0xff\)"):
        read_yaml(path)


# --- one YAML loader -----------------------------------------------------------------------------------------------


def test_a_yaml_merge_key_is_accepted(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("base: &base {kind: longitudinal, years: [2014, 2020]}\nstudy:\n  <<: *base\n  years: [2015, 2020]\n")
    check_yaml(path)
    assert read_yaml(path)["study"] == {"kind": "longitudinal", "years": [2015, 2020]}  # the own key wins


def test_a_study_key_that_yaml_reads_as_a_boolean_is_refused_naming_key_and_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("studies:\n  yes:\n    kind: longitudinal\n")
    with pytest.raises(ConfigError, match=r"config.yaml, line 2, column 3: the key 'yes' is read as bool True, not as a name"):
        check_yaml(path)


def test_a_key_given_twice_in_the_indicator_catalogue_is_refused(tmp_path):
    text = INDICATORS.read_text(encoding="utf-8")
    twice = tmp_path / "indicators.yaml"
    twice.write_text(text.replace("  C12:\n", "  C11:\n", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"indicators.yaml, line \d+, column 3: the key 'C11' is given twice"):
        load_catalogue(twice, ENTITIES)


def test_a_python_tag_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("studies: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(ConfigError, match=r"evil.yaml, line 1, column 10: could not determine a constructor"):
        check_yaml(path)


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_a_device_as_the_catalogue_is_refused_naming_it(path):
    with pytest.raises(ConfigError, match=f"{path}: a device, not a regular file"):
        load_catalogue(path, ENTITIES)


@pytest.mark.parametrize("text", ["[]", "7", "indicators: {C11: 3}\nsubsystems: {X1: a}", "subsystems: {}\nindicators: {}"])
def test_a_catalogue_of_another_shape_is_refused_naming_the_key(tmp_path, text):
    path = tmp_path / "indicators.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=f"^{path}: "):
        load_catalogue(path, ENTITIES)


# --- names that become path parts ----------------------------------------------------------------------------------


def test_a_300_character_study_name_is_refused_before_any_job(monkeypatch):
    monkeypatch.chdir(ROOT)
    cfg = config()
    cfg["studies"]["s" * 300] = cfg["studies"].pop("ningbo_2014_2024")
    with pytest.raises(ConfigError, match=r"studies.'s{300}': a study's name is a folder under results/: at most 64"):
        check_studies(cfg, CATALOGUE)


def test_a_city_named_wide_sheets_is_refused_it_would_share_the_wide_sheets_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    entities = yaml.safe_load(ENTITIES.read_text(encoding="utf-8"))
    entities["cities"]["Wide Sheets"] = {"name_zh": "x"}
    path = tmp_path / "entities.yaml"
    path.write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cities.'Wide Sheets': .* 'wide_sheets' is the name of the workflow's own file"):
        check_studies(config(), load_catalogue(INDICATORS, path))


@pytest.mark.parametrize("name", ["extra{x}.csv", "wide_sheets.csv", "a b.csv", "x" * 65 + ".csv"])
def test_a_raw_file_whose_name_cannot_be_a_result_name_is_refused_naming_it(tmp_path, name):
    (tmp_path / name).write_text(HEADER, encoding="utf-8")
    read, refused = raw_inventory(tmp_path)
    assert read == [] and refused[0].startswith(f"{tmp_path / name}: a raw file's name becomes a file name under results/")


def test_a_fifo_as_the_sources_table_is_called_a_pipe(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    fifo = tmp_path / "sources.csv"
    os.mkfifo(fifo)
    cfg = config()
    cfg["data"]["sources"] = str(fifo)
    with pytest.raises(ConfigError, match=f"data.sources: {fifo}: a pipe \\(FIFO\\), not a regular file"):
        check_studies(cfg, CATALOGUE)


# --- the porteval command ------------------------------------------------------------------------------------------


def run(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_refuses_a_device_as_entities_in_one_line(capsys, tmp_path):
    code, out, err = run(capsys, "validate", tmp_path, "--entities", "/dev/zero", "--project", ROOT)
    assert code == 2 and one_line(err) == "porteval validate: cannot read the catalogue: /dev/zero: a device, not a regular file"


def test_validate_of_stdin_says_what_it_is_not_a_dangling_link(capsys, sources):
    code, out, _ = run(capsys, "validate", "/dev/stdin", "--sources", sources, "--project", ROOT)
    assert code == 1 and "/dev/stdin:0: " in out and "not a regular file" in out and "link" not in out


def test_a_header_of_50000_columns_gives_a_bounded_number_of_messages(tmp_path, sources):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(50_000)) + "\n", encoding="utf-8")
    problems = validate_files([path], CATALOGUE, sources)
    assert 20 < len(problems) <= 30 and any("49980 more unknown columns than the 20 listed" in str(p) for p in problems)


def diagnose_files(tmp_path, matrix_rows="comparison,alternative,indicator,value\n2014-2020,2014,C21,1\n"):
    diagnosis = tmp_path / "diagnosis.csv"
    diagnosis.write_text("indicator,D,d_required_low,d_required_high,published_weight\nC22,0.2,0.01,0.02,0.05\n")
    matrix = tmp_path / "matrix.csv"
    matrix.write_text(matrix_rows)
    return ["--diagnosis", diagnosis, "--matrix", matrix, "--reference", ROOT / "data/reference", "--project", ROOT]


def test_diagnose_on_a_header_only_matrix_names_it(capsys, tmp_path, sources):
    options = diagnose_files(tmp_path, "comparison,alternative,indicator,value\n")
    code, _, err = run(capsys, "diagnose", tmp_path / "c.csv", "--sources", sources, *options)
    assert code == 2 and one_line(err).startswith(f"porteval diagnose: {tmp_path / 'matrix.csv'}: a header and no rows")


def test_diagnose_on_a_binary_diagnosis_file_names_it(capsys, tmp_path, sources):
    options = diagnose_files(tmp_path)
    (tmp_path / "diagnosis.csv").write_bytes(b"indicator,D\n\x89PNG\xff\xfe\n")
    code, _, err = run(capsys, "diagnose", tmp_path / "c.csv", "--sources", sources, *options)
    assert code == 2 and f"{tmp_path / 'diagnosis.csv'}, line 2: not UTF-8 text" in one_line(err)


def test_diagnose_on_a_folder_says_it_is_a_folder(capsys, tmp_path, sources):
    code, out, _ = run(capsys, "diagnose", ROOT / "data/raw", "--sources", sources, *diagnose_files(tmp_path))
    assert code == 1 and f"{ROOT / 'data/raw'}:0: a folder, not a file" in out


def test_diagnose_on_only_suspect_values_says_so_not_empty_dataframe(capsys, tmp_path, sources):
    candidate = tmp_path / "c.csv"
    row = "Ningbo-Zhoushan Port,C22,2015,2063,万TEU,suspect,src1,2063万标箱,\n"
    candidate.write_text(HEADER.replace("unit,", "unit,qualifier,") + row, encoding="utf-8")
    code, out, err = run(capsys, "diagnose", candidate, "--sources", sources, *diagnose_files(tmp_path))
    assert code == 1 and "Empty DataFrame" not in out
    assert one_line(err) == f"porteval diagnose: {candidate}: no exact or derived value of an indicator to judge"


def test_diagnose_refuses_a_negative_extrapolation(capsys, tmp_path, sources):
    with pytest.raises(SystemExit) as exit_:
        main(["diagnose", str(tmp_path / "c.csv"), "--max-extrapolation", "-3"])
    _, err = capsys.readouterr()
    assert exit_.value.code == 2 and "'-3' is not a whole number of years, 0 or more" in err and "Traceback" not in err


def test_curate_with_a_dossier_that_does_not_exist_says_so(capsys, tmp_path):
    code, _, err = run(capsys, "curate", "--dossier", "/nonexistent", "--out", tmp_path, "--project", ROOT)
    assert (
        code == 2 and one_line(err) == "porteval curate: --dossier /nonexistent: not a folder (the research dossier's CSV files)"
    )
    assert list(tmp_path.iterdir()) == []


def test_curate_with_a_dossier_file_of_other_columns_names_it(capsys, tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    (dossier / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "curate", "--dossier", dossier, "--out", out, "--project", ROOT)
    assert code == 2 and one_line(err).startswith(f"porteval curate: {dossier / 'a.csv'}: no column entity")
    assert not out.exists()


@pytest.mark.skipif(not shutil.which("mkfifo"), reason="needs mkfifo")
def test_a_fifo_given_to_validate_is_refused_without_waiting(capsys, tmp_path, sources):
    fifo = tmp_path / "x.csv"
    os.mkfifo(fifo)
    code, out, _ = run(capsys, "validate", fifo, "--sources", sources, "--project", ROOT)
    assert code == 1 and f"{fifo}:0: a pipe (FIFO), not a regular file" in out


# --- failures the fuzzer found (tests/test_fuzz.py), each kept as a named case --------------------------------------


def test_curate_with_a_dossier_row_without_a_year_names_the_line(capsys, tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    header = "entity,indicator,year,value,unit,source_url,source_title,excerpt,note\n"
    (dossier / "a.csv").write_text(header + "Shanghai Port,C21,,64870,万吨,http://x.org/a,t,e,n\n", encoding="utf-8")
    code, _, err = run(capsys, "curate", "--dossier", dossier, "--out", tmp_path / "out", "--project", ROOT)
    assert code == 2 and one_line(err) == f"porteval curate: {dossier / 'a.csv'}, line 2: column 'year': '' is not a year"


def test_curate_with_a_400_digit_year_in_the_dossier_names_the_line(capsys, tmp_path):
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    header = "entity,indicator,year,value,unit,source_url,source_title,excerpt,note\n"
    (dossier / "a.csv").write_text(
        header + "Shanghai Port,C21," + "9" * 400 + ",64870,万吨,http://x.org/a,t,e,n\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "curate", "--dossier", dossier, "--out", tmp_path / "out", "--project", ROOT)
    said = one_line(err)  # the value itself is cut short in the message
    assert code == 2 and f"{dossier / 'a.csv'}, line 2: column 'year': " in said and said.endswith("is not a year")


def test_diagnose_with_a_400_digit_number_in_the_diagnosis_names_the_line(capsys, tmp_path, sources):
    options = diagnose_files(tmp_path)
    (tmp_path / "diagnosis.csv").write_text(
        "indicator,D,d_required_low,d_required_high,published_weight\nC22," + "9" * 400 + ",0.01,0.02,0.05\n"
    )
    code, _, err = run(capsys, "diagnose", tmp_path / "c.csv", "--sources", sources, *options)
    assert code == 2 and f"{tmp_path / 'diagnosis.csv'}, line 2: column 'D' is not a finite number" in one_line(err)


# --- published tables, read as raw data are ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        ("zeng2022_table5_ports.csv", "Y2,Shanghai Port", "Y2,Shenzhen Port", r"line 3: column 'port': 'Y2' 'Shenzhen Port'"),
        ("zeng2022_table2_weights.csv", "w2,C12,X1", "w2,C99,X1", r"line 3: column 'indicator': 'C99' is not an indicator"),
        ("zeng2022_table2_weights.csv", "w2,C12,X1", "w2,C12,X2", r"line 3: column 'subsystem': C12 is in X1, not 'X2'"),
        ("zeng2022_table3_subsystems.csv", "X2,", "X9,", r"line 3: column 'subsystem': 'X9' is not a subsystem"),
        ("zeng2022_table4_overall.csv", "2015,0.075", "2015,0.07x", r"line 3: column 'benefit_value': '0.07x' is not a number"),
    ],
)
def test_a_published_table_is_checked_like_raw_data_naming_file_line_and_column(tmp_path, file, old, new, message):
    from porteval.audit import read_reference

    folder = tmp_path / "reference"
    shutil.copytree(ROOT / "data/reference", folder)
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}, {message}"):
        read_reference(folder)


def test_a_catalogue_key_with_a_line_break_is_named_in_one_line(tmp_path):
    path = tmp_path / "indicators.yaml"
    path.write_text('indicators:\n  "\\r\\n": {}\nsubsystems: {X1: a}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_catalogue(path, ENTITIES)
    assert one_line(str(err.value)).startswith(f"{path}: indicators.\\r\\n: must contain")


def test_a_problem_in_a_file_whose_name_or_value_holds_control_characters_is_one_line(tmp_path, sources):
    path = tmp_path / "a\nb\u202e.csv"
    path.write_text(HEADER + "Ningbo-Zhoushan Port,C22,2015,x\ty,万TEU,src1,q,\n", encoding="utf-8")
    (problem,) = validate_files([path], CATALOGUE, sources)
    assert one_line(str(problem)).startswith(f"{tmp_path}/a\\nb\\u202e.csv:2: column 'value': value 'x\\ty'")


@pytest.mark.parametrize("entity", ["9" * 400, "../../escaped", "Atlantis Port"])
def test_curate_refuses_a_dossier_entity_the_catalogue_lacks_before_it_names_a_file(capsys, tmp_path, entity):
    """A dossier row's entity becomes a file name under raw/: a 400-character one failed with "File name too long"
    (found by the fuzzer), and one with a / would have written outside the output folder."""
    dossier = tmp_path / "dossier"
    dossier.mkdir()
    header = "entity,indicator,year,value,unit,source_url,source_title,excerpt,note\n"
    (dossier / "a.csv").write_text(header + f"{entity},C21,2015,64870,万吨,http://x.org/a,t,e,n\n", encoding="utf-8")
    code, _, err = run(capsys, "curate", "--dossier", dossier, "--out", tmp_path / "out", "--project", ROOT)
    expected = f"porteval curate: {dossier / 'a.csv'}, line 2: column 'entity': unknown entity"
    assert code == 2 and one_line(err).startswith(expected)
    assert not (tmp_path / "out").exists() and not (tmp_path / "escaped.csv").exists()


def test_a_config_that_snakemakes_loader_refuses_is_refused_by_the_check_naming_line_and_column(tmp_path):
    # Found by the fuzzer: libyaml (the one reader's loader, for speed) reads b"0\t" as 0; the pure-Python loader,
    # which Snakemake reads a config file with, refuses it. The check reads a config file with both.
    path = tmp_path / "config.yaml"
    path.write_bytes(b"0\t")
    with pytest.raises(ConfigError) as err:
        check_yaml(path)
    assert str(err.value).startswith(f"{path}, line 1, column 2: ")

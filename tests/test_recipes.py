"""docs/extending.md, followed as a new researcher would: the example file names, the YAML and the
commands are taken from the page itself, applied to a fresh copy of the shipped project, and run. Values are
SYNTHETIC (source ``synthetic``), made here: the recipes are about the workflow, not about Qingdao's statistics."""

import re
import shlex
import subprocess
import sys

import pandas as pd
import pytest
import yaml
from conftest import HEADER, ROOT, project_copy

from porteval.catalogue import entity_slug, load_catalogue

SECTION = ROOT.joinpath("docs/extending.md").read_text(encoding="utf-8")
NEW_YEAR, NEW_PORT = SECTION.split("**A new port**", 1)
YEAR_FILE = re.search(r"e\.g\. `(data/raw/[^`]+\.csv)`", NEW_YEAR).group(1)
COMMANDS = [line for line in re.search(r"```bash\n(.*?)```", NEW_YEAR, flags=re.S).group(1).splitlines() if line]
PORT_STUDY = yaml.safe_load(re.search(r"```yaml\n(.*?)```", NEW_PORT, flags=re.S).group(1))["studies"]
NEW = "Qingdao Port"
SYNTHETIC_SOURCE = "synthetic,table,Synthetic test values,porteval tests,,SYNTHETIC: made by tests/test_recipes.py,\n"


def run(project, command):
    words = shlex.split(command.replace("--cores 4", "--cores 2").split("#")[0])
    program = [sys.executable, "-m", "porteval"] if words[0] == "porteval" else [sys.executable, "-m", "snakemake"]
    return subprocess.run([*program, *words[1:]], cwd=project, capture_output=True, text=True)


def add_port_entities(project):
    """docs/extending.md: "add the port and its city to config/entities.yaml"."""
    path = project / "config/entities.yaml"
    entities = yaml.safe_load(path.read_text(encoding="utf-8"))
    entities["ports"][NEW] = {"code": "Y5", "name_zh": "青岛港", "city": "Qingdao"}
    entities["cities"]["Qingdao"] = {"name_zh": "青岛市"}
    path.write_text(yaml.safe_dump(entities, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_study(project, studies):
    path = project / "config/config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["studies"].update(studies)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_rows(path, rows):
    path.write_text(HEADER + "".join(f"{e},{c},{y},{v},{u},synthetic,,SYNTHETIC\n" for e, c, y, v, u in rows), encoding="utf-8")


def test_the_readme_recipes_name_what_these_tests_follow():
    assert YEAR_FILE == "data/raw/ningbo.yearbook_2021.csv"
    assert [c.split()[0] for c in COMMANDS] == ["porteval", "snakemake", "snakemake"]
    ((name, study),) = PORT_STUDY.items()
    assert NEW in study["ports"] and name != "four_ports"


def test_a_new_port_without_its_values_is_refused_before_any_job(tmp_path):
    """docs/extending.md "A new port" with the entities and the study but not yet the data files: a refusal naming the key,
    the files to add and the page's recipe, not a failed job after minutes."""
    project = project_copy(tmp_path)
    add_port_entities(project)
    add_study(project, PORT_STUDY)
    dry = run(project, "snakemake --cores 4 -n")
    out = dry.stdout + dry.stderr
    assert dry.returncode != 0 and "Traceback" not in out
    assert "studies.five_ports.ports: no raw file holds values for 'Qingdao Port' (no data/raw/qingdao_port.csv" in out
    assert "add its values (docs/extending.md: A new port)" in out and "'Qingdao' (no data/raw/qingdao.csv" in out
    assert not (project / "results").exists(), "nothing ran"


@pytest.mark.slow
def test_a_new_year_and_a_new_port_as_the_readme_says(tmp_path):
    """Both recipes on the shipped project, with the page's commands as written: an own 2021 value for the city that the dossier
    lacks (the page's example file) and an own exact 2021 value for C63 that replaces the dossier's suspect one without
    curation; Qingdao's port and city values in data/raw/<port>.csv and <city>.csv and the page's study."""
    project = project_copy(tmp_path)
    catalogue = load_catalogue(project / "config/indicators.yaml", project / "config/entities.yaml")
    with (project / "data/sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(SYNTHETIC_SOURCE)
    # A new year: the page's example file, and a sibling for the port.
    raw = pd.read_csv(project / "data/raw/ningbo.csv")
    last = raw[(raw.indicator == "C32") & (raw.year == 2020)]["value"].iloc[0]
    assert not ((raw.indicator == "C32") & (raw.year == 2021)).any(), "the dossier has no 2021 value of its own"
    write_rows(project / YEAR_FILE, [("Ningbo", "C32", 2021, round(last * 1.05, 2), catalogue.indicators.at["C32", "unit"])])
    write_rows(
        project / "data/raw/ningbo_zhoushan_port.yearbook_2021.csv",
        [("Ningbo-Zhoushan Port", "C63", 2021, 120, catalogue.indicators.at["C63", "unit"])],
    )
    # A new port: entities, a file for the port and one for its city, and the page's study.
    add_port_entities(project)
    for entity, level in ((NEW, "port"), ("Qingdao", "city")):
        codes = catalogue.indicators.index[catalogue.indicators["level"] == level]
        rows = [
            (entity, code, year, 100 + 10 * i + (year - 2014), catalogue.indicators.at[code, "unit"])
            for i, code in enumerate(codes)
            for year in range(2014, 2021)
        ]
        write_rows(project / "data/raw" / f"{entity_slug(entity)}.csv", rows)
    add_study(project, PORT_STUDY)

    for command in COMMANDS:
        done = run(project, command)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-3000:])

    matrix = pd.read_csv(project / "results/studies/ningbo_2014_2024/imputed.csv", dtype={"source_id": str})
    own = matrix[(matrix.entity == "Ningbo-Zhoushan Port") & (matrix.indicator == "C63") & (matrix.year == 2021)]
    assert own[["value", "status", "source_id"]].values.tolist() == [[120.0, "observed", "synthetic"]]
    city = matrix[(matrix.entity == "Ningbo") & (matrix.indicator == "C32") & (matrix.year == 2021)]
    assert city[["value", "status"]].values.tolist() == [[round(last * 1.05, 2), "observed"]]
    scores = pd.read_csv(project / "results/studies/five_ports/scores.csv")
    assert NEW in set(scores["alternative"])
    assert "five_ports" in (project / "results/report/report.html").read_text(encoding="utf-8")

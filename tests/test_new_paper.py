"""docs/extending.md, "A new paper", followed as a maintainer would: an INVENTED paper (tests/invented_paper/: one
table and two claims, made up) is added by its plug-in module, its registry entry, its published table and a
caption, and nothing else of the project; a study of the researcher's config reproduces it; its rows then appear
in the scorecard, the claims and the report."""

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, project_copy

INVENTED = ROOT / "tests/invented_paper"
# Where each of the paper's four files goes: the recipe's files, and no other file of the project changes.
RECIPE = {
    "invented2026.py": "workflow/porteval/reproductions/invented2026.py",
    "entry.yaml": "workflow/porteval/papers.yaml",  # appended: the registry entry
    "invented2026_table1_overall.csv": "data/reference/invented2026_table1_overall.csv",
    "invented_table1.rst": "workflow/report/invented_table1.rst",
}
# The researcher's run, not the paper: a study that reproduces it (robustness off: it is not what is tested here).
CONFIG = """studies:
  invented:
    description: Ningbo-Zhoushan 2014-2018 against an INVENTED paper
    kind: longitudinal
    ports: [Ningbo-Zhoushan Port]
    years: [2014, 2018]
    indicators: [C21, C22]
    reproduces: invented2026_longitudinal
reproduction: {zhang_candidates: null}
robustness:
  dominance: {enabled: false}
  smaa: {enabled: false}
  data: {enabled: false}
  leave_out: {enabled: false}
  entropy_inputs: {enabled: false}
  methods: {enabled: false}
  multiverse: {enabled: false}
"""


def add_the_paper(project):
    for name, target in RECIPE.items():
        if target.endswith("papers.yaml"):
            with open(project / target, "a", encoding="utf-8") as registry:
                registry.write((INVENTED / name).read_text(encoding="utf-8"))
        else:
            shutil.copy(INVENTED / name, project / target)


def changed_files(project) -> set[str]:
    """The files of the copy that differ from the project's, or are new (results and caches aside)."""
    out = set()
    for path in project.rglob("*"):
        rel = path.relative_to(project)
        if path.is_dir() or rel.parts[0] in ("results", ".snakemake", "logs", "benchmarks") or "__pycache__" in rel.parts:
            continue
        original = ROOT / rel
        if not original.exists() or original.read_bytes() != path.read_bytes():
            out.add(str(rel))
    return out


@pytest.mark.slow
def test_a_new_paper_moves_in_by_its_module_registry_entry_table_and_caption(tmp_path):
    project = project_copy(tmp_path)
    add_the_paper(project)
    assert changed_files(project) == set(RECIPE.values())
    (project / "invented.yaml").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(project / "workflow")}  # the copy's package, with its new plug-in
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", "invented.yaml"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]

    published = pd.read_csv(INVENTED / "invented2026_table1_overall.csv")
    card = pd.read_csv(project / "results/reproduction/scorecard.csv", keep_default_na=False)
    assert set(card["table"]) == {"invented2026_table1"}
    assert card["published"].tolist() == published["utility_pct"].tolist()
    within = (card["reproduced"] - card["published"]).abs() <= 0.005 + 1e-9  # printed to two decimals of a percent
    assert (card["status"] == within.map({True: "reproduced", False: "differs"})).all()

    claims = pd.read_csv(project / "results/reproduction/claims.csv", keep_default_na=False)
    assert claims["id"].tolist() == ["invented_rises", "invented_2018_above_2014"]
    # The invented numbers rise every year and 2018 is above 2014 at every rounding of them: both supported.
    rising = published["utility_pct"].diff().dropna().min() > 0.01
    assert claims["paper_tables"].tolist() == ["supported" if rising else "contradicted", "supported"]

    html = (project / "results/report/report.html").read_text(encoding="utf-8")
    assert "<title>Port logistics evaluation: Invented (2026) re-done from public statistics</title>" in html
    assert 'id="Invented"' in html and "Invented (2026) Table 1" in html  # its section, and its display item
    for other in ('id="Series"', 'id="Audit"', 'id="Zhang"', "Zeng et al. (2022) state"):
        assert other not in html

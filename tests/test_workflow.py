"""The whole workflow on small SYNTHETIC data in a temporary directory (never shipped, never real).

The synthetic data are generated here: two ports and their cities, 2014-2017, a few indicators including
a cost indicator (C61), a gap to interpolate, and an indicator with one value only (which must be dropped).
The tests that read the run share the session's one completed run (conftest.completed_run); those that change
something start from a copy of it (conftest.run_copy) or, where the change is the whole run, run their own.
"""

import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import yaml
from conftest import make_project, snakemake

pytestmark = pytest.mark.slow  # runs the whole workflow: `python -m pytest -m slow` (and CI)


@pytest.fixture
def project(completed_run):
    """The session's completed run, read only."""
    return completed_run


def test_every_step_writes_its_file(project):
    for study in ("synthetic_longitudinal", "synthetic_ports"):
        for name in ("matrix", "dropped", "normalised", "weights", "scores"):
            assert (project / f"results/studies/{study}/{name}.csv").stat().st_size > 0
        for fig in ("weights", "subsystems"):
            for ext in ("png", "svg"):
                assert (project / f"results/figures/{study}/{fig}.{ext}").stat().st_size > 0
    # every study has its utility figure; the report shows that of a reproducing study as the paper's Figure 2
    for study in ("synthetic_longitudinal", "synthetic_ports"):
        assert (project / f"results/figures/{study}/utility.png").stat().st_size > 0
    html = (project / "results/report/report.html").read_text(encoding="utf-8")
    assert "synthetic_longitudinal" in html and "Overall COPRAS scores" in html


def test_the_run_is_a_workflow_run_crate_that_ro_crate_py_reads(project):
    import hashlib

    from rocrate.rocrate import ROCrate

    crate = ROCrate(project / "results")
    assert "ComputationalWorkflow" in crate.mainEntity.type
    jobs = [a for a in crate.get_by_type("CreateAction") if a.id.startswith("#job/")]
    assert {a["instrument"].id for a in jobs} >= {"#rule/study", "#rule/report", "#rule/entity"}
    report = next(a for a in jobs if a["instrument"].id == "#rule/report")
    assert "report/report.html" in [e.id for e in report["result"]]
    run = crate.dereference("#run")
    raw = [e for e in run["object"] if e.id.startswith("../data/raw/")]
    assert raw and all(e["sha256"] == hashlib.sha256((project / e.id[3:]).read_bytes()).hexdigest() for e in raw)


def test_imputation_is_flagged_and_an_unfillable_indicator_is_dropped(project):
    imputed = pd.read_csv(project / "results/studies/synthetic_longitudinal/imputed.csv")
    cell = imputed[(imputed.entity == "Ningbo-Zhoushan Port") & (imputed.indicator == "C21") & (imputed.year == 2016)]
    assert cell["status"].item() == "interpolated" and cell["value"].item() == pytest.approx(95000)
    dropped = pd.read_csv(project / "results/studies/synthetic_longitudinal/dropped.csv")
    assert dropped["indicator"].tolist() == ["C11"]
    weights = pd.read_csv(project / "results/studies/synthetic_longitudinal/weights.csv")
    assert "C11" not in set(weights["indicator"]) and weights["weight"].sum() == pytest.approx(1)


def test_scores_match_the_maths_api(project):
    from porteval.mcda import copras, entropy_weights

    matrix = pd.read_csv(project / "results/studies/synthetic_longitudinal/matrix.csv")
    wide = matrix.pivot(index="alternative", columns="indicator", values="value")
    w = entropy_weights(wide.to_numpy())
    expected = copras(wide.to_numpy(), w, [-1 if c == "C61" else 1 for c in wide.columns])
    scores = pd.read_csv(project / "results/studies/synthetic_longitudinal/scores.csv")
    overall = scores[scores.scope == "overall"].set_index("alternative").loc[wide.index]
    assert overall["utility"].to_numpy() == pytest.approx(expected.utility, rel=1e-9)
    assert overall["cost"].gt(0).all()


def test_cross_port_study_has_a_period_and_a_per_year_comparison(project):
    scores = pd.read_csv(project / "results/studies/synthetic_ports/scores.csv", dtype={"comparison": str})
    assert set(scores["comparison"]) == {"2014-2017", "2014", "2015", "2016", "2017"}
    period = scores[(scores.comparison == "2014-2017") & (scores.scope == "overall")]
    assert sorted(period["rank"]) == [1, 2]


def test_nothing_to_do_right_after_a_run(run_copy):
    dry = snakemake(run_copy, "-n")
    assert dry.returncode == 0
    assert "Nothing to be done" in dry.stdout + dry.stderr


def test_scorecard_rows_have_a_status_and_partial_tables_say_so(project):
    card = pd.read_csv(project / "results/reproduction/scorecard.csv")
    assert set(card["status"]) <= {"reproduced", "differs", "not_reproducible"}
    assert set(card["table"]) == {"table2", "table3", "table4"}
    weights = card[card["table"] == "table2"]
    assert len(weights) == 19
    by_code = weights.set_index("row")
    assert by_code.loc["C11", "status"] == "not_reproducible"
    assert "needs data for C11 (Ningbo-Zhoushan Port)" in by_code.loc["C11", "note"]
    assert "not among the study's indicators" in by_code.loc["C71", "note"]
    t4 = pd.read_csv(project / "results/tables/table4_overall.csv", keep_default_na=False)
    assert t4["partial"].astype(str).eq("True").all() and "C11" in t4["left_out"].iloc[0]
    assert not (project / "results/tables/zhang_table2_throughput.csv").exists()


def test_every_verdict_and_claim_of_the_run_quotes_only_its_own_numbers(project):
    import re

    from porteval.claims import paper_claims

    for study in ("synthetic_longitudinal", "synthetic_ports"):
        summary = pd.read_csv(project / f"results/robustness/{study}/summary.csv", dtype={"best": str})
        assert "rank_reversals" in summary and "p_best_first_uniform_weights" in summary
        for _, row in summary.iterrows():
            numbers = [v for k, v in row.items() if k.startswith("p_best_first_") or k == "heaviest_weight"]
            shares = {round(100 * v, digits) for v in numbers if pd.notna(v) for digits in (0, 1)}
            quoted = {float(p) for p in re.findall(r"(\d+(?:\.\d+)?)%", row["why"])}
            assert quoted <= shares | {90, 95}, (study, row["comparison"], row["why"])  # the line, "95% intervals"
    claims = pd.read_csv(project / "results/reproduction/claims.csv")
    assert list(claims["id"]) == [c["id"] for c in paper_claims("zeng2022_longitudinal")]
    # Only a disagreement with the paper restricted to the same indicators is a reversal.
    reversals = claims[claims["decision"].str.contains("revers")]
    assert (reversals["decision"] == "reversed on the same indicators").all()
    assert not reversals["paper_restricted"].isin(["", "cannot restrict"]).any()
    assert set(claims["paper_tables"]) <= {"supported", "contradicted", "undecided by rounding"}
    assert set(claims["ours"]) <= {"holds", "fails", "not reproducible"}
    tested = claims[claims["ours"] != "not reproducible"]
    assert len(tested) and tested["p_data"].between(0, 1).all()


def test_audit_trail_follows_one_alternative_through_every_step(project):
    trail = pd.read_csv(project / "results/audit/synthetic_longitudinal/window_2016.csv", keep_default_na=False)
    row = trail.set_index("indicator").loc["C21"]
    assert row["status"] == "interpolated" and row["raw_value"] == ""  # 2016 cargo is a gap in the synthetic data
    file, line = trail.set_index("indicator").loc["C22", "raw_file"].rsplit(":", 1)
    named = (project / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
    assert named.startswith("Ningbo-Zhoushan Port,C22,2016,2157")  # the file:line named holds that very value
    scores = pd.read_csv(project / "results/studies/synthetic_longitudinal/scores.csv", dtype={"alternative": str})
    s = scores[(scores.scope == "overall") & (scores.alternative == "2016")].iloc[0]
    benefit = trail[trail.direction == "benefit"]["weighted"].astype(float).sum()
    assert benefit == pytest.approx(s["benefit"])
    text = (project / "results/audit/synthetic_longitudinal/window_2016.md").read_text(encoding="utf-8")
    assert "results/studies/synthetic_longitudinal/normalised.csv" in text


def test_adding_a_year_is_adding_rows_and_reruns_only_the_affected_jobs(run_copy):
    new_rows = {  # files of one's own, named after the entity they hold (README: Extending the study)
        "ningbo_zhoushan_port.yearbook_2018.csv": [("C21", "万吨", 108000), ("C22", "万TEU", 2635), ("C61", "万吨", 8600)],
        "ningbo.yearbook_2018.csv": [("C34", "元", 138000)],
    }
    for name, rows in new_rows.items():
        entity = "Ningbo" if name.startswith("ningbo.") else "Ningbo-Zhoushan Port"
        (run_copy / "data/raw" / name).write_text(
            "entity,indicator,year,value,unit,source_id,quote,note\n"
            + "".join(f"{entity},{code},2018,{value},{unit},synthetic,,SYNTHETIC test value\n" for code, unit, value in rows),
            encoding="utf-8",
        )
    config_path = run_copy / "config/config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["studies"]["synthetic_longitudinal"]["years"] = [2014, 2018]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    dry = snakemake(run_copy, "-n")
    planned = dry.stdout + dry.stderr
    assert "study=synthetic_longitudinal" in planned and "entity=ningbo_zhoushan_port" in planned
    assert re.search(r"entity=ningbo\b", planned)  # the jobs of the two entities the new files are named after
    assert "study=synthetic_ports" not in planned, "the other study does not depend on the new rows"
    assert "entity=shanghai_port" not in planned and "entity=dalian_port" not in planned

    assert snakemake(run_copy).returncode == 0
    for table in ("overall", "subsystems"):
        text = (run_copy / f"results/tables/synthetic_longitudinal/{table}.csv").read_text(encoding="utf-8")
        assert "2018" in text, table
    matrix = pd.read_csv(run_copy / "results/studies/synthetic_longitudinal/matrix.csv", dtype={"alternative": str})
    assert set(matrix["alternative"]) == {"2014", "2015", "2016", "2017", "2018"}
    t4 = pd.read_csv(run_copy / "results/tables/table4_overall.csv")
    assert 2018 in set(t4["year"]) or 2018 not in set(
        pd.read_csv(run_copy / "data/reference/zeng2022_table4_overall.csv")["year"]
    )


def test_which_imputation_a_raw_file_feeds_comes_from_its_name_not_its_content(run_copy):
    """Parsing the workflow opens no raw file: a file named after an entity feeds that entity's imputation, whatever
    it holds (validation then refuses a row of another entity); a file named otherwise feeds every entity."""
    raw = run_copy / "data/raw"
    (raw / "dalian_port.notes.csv").write_text("not, a table\x00", encoding="utf-8")
    planned = snakemake(run_copy, "-n")
    out = planned.stdout + planned.stderr
    assert planned.returncode == 0, out[-2000:]
    assert "entity=dalian_port" in out and "study=synthetic_ports" in out
    assert "study=synthetic_longitudinal" not in out and "entity=ningbo" not in out
    (raw / "dalian_port.notes.csv").unlink()
    (raw / "yearbook.csv").write_text("entity,indicator,year,value,unit,source_id,quote,note\n", encoding="utf-8")
    out = "".join(snakemake(run_copy, "-n").stdout)
    assert "study=synthetic_ports" in out and "study=synthetic_longitudinal" in out


@pytest.mark.slow
def test_a_file_named_after_no_entity_is_read_by_its_own_job_and_fills_the_entity_it_holds(run_copy):
    (run_copy / "data/raw/yearbook.csv").write_text(
        "entity,indicator,year,value,unit,source_id,quote,note\n"
        "Ningbo-Zhoushan Port,C21,2016,95000,万吨,synthetic,,SYNTHETIC test value\n",  # the cell the port's file lacks
        encoding="utf-8",
    )
    # Only what the test reads is made, from the completed run: the new file's own check, and the observations and
    # the study's imputation that the run made without it (2016's cargo interpolated there).
    targets = ("data/validation/yearbook.txt", "data/observations.csv", "studies/synthetic_longitudinal/imputed.csv")
    run = snakemake(run_copy, *(f"results/{target}" for target in targets))
    assert run.returncode == 0, run.stderr[-2000:]
    assert (run_copy / "results/data/validation/yearbook.txt").read_text(encoding="utf-8") == "1 file(s) checked, 0 problem(s)\n"
    observations = pd.read_csv(run_copy / "results/data/observations.csv")
    assert observations.loc[observations["file"].str.endswith("yearbook.csv"), "value"].tolist() == [95000]
    imputed = pd.read_csv(run_copy / "results/studies/synthetic_longitudinal/imputed.csv").set_index(["indicator", "year"])
    assert imputed.loc[("C21", 2016), "status"] == "observed" and imputed.loc[("C21", 2016), "value"] == 95000


def test_porteval_diagnose_judges_a_candidate_series_against_the_run(project, tmp_path):
    candidate = tmp_path / "candidate.csv"
    rows = [("C21", 2014, 87000), ("C21", 2015, 89000), ("C21", 2017, 101000), ("C34", 2016, 1.0)]
    candidate.write_text(
        "entity,indicator,year,value,unit,source_id,quote,note\n"
        + "".join(
            f"{'Ningbo' if code == 'C34' else 'Ningbo-Zhoushan Port'},{code},{year},{value},{'元' if code == 'C34' else '万吨'},"
            "synthetic,,SYNTHETIC candidate\n"
            for code, year, value in rows
        ),
        encoding="utf-8",
    )
    study = "synthetic_longitudinal"
    args = [
        "diagnose",
        str(candidate),
        "--diagnosis",
        f"results/reproduction/{study}/series_diagnosis.csv",
        "--matrix",
        f"results/studies/{study}/matrix.csv",
    ]
    run = subprocess.run([sys.executable, "-m", "porteval", *args], cwd=project, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = {line.split()[0]: line for line in run.stdout.splitlines()[1:]}
    assert "Table 2" in lines["C21"]  # judged: the gap of 2016 is filled as the pipeline fills it
    assert "cannot judge: no value for 2014" in lines["C34"]  # one value cannot be filled
    missing = subprocess.run(
        [sys.executable, "-m", "porteval", *args[:2], "--diagnosis", "no/such.csv"], cwd=project, capture_output=True, text=True
    )
    assert missing.returncode == 2 and "run `snakemake --cores 4` first" in missing.stderr and "Traceback" not in missing.stderr


def test_the_report_shows_exactly_the_run_of_its_config(project, tmp_path):
    """With --configfile, a renamed study and SMAA off, the report shows that run's studies and sections only."""
    html = (project / "results/report/report.html").read_text(encoding="utf-8")
    assert "synthetic_ports" in html and "At a glance" in html and "best first: dirichlet weights" in html
    assert "<script src=" not in html and "<title>Port logistics evaluation" in html  # offline, titled
    other = make_project(tmp_path / "other")
    config = yaml.safe_load((other / "config/config.yaml").read_text(encoding="utf-8"))
    config["studies"]["renamed_ports"] = config["studies"].pop("synthetic_ports")
    config["robustness"]["smaa"]["enabled"] = False
    config["studies"]["renamed_ports"]["description"] = "<script>alert('description')</script>"  # text, never markup
    (other / "config/other.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    sources = pd.read_csv(other / "data/sources.csv", keep_default_na=False)
    hostile = {"title": "<img src=x onerror=alert(1)>", "publisher": "[p](javascript:alert(2))", "url": "javascript:alert(3)"}
    sources.assign(**hostile).to_csv(other / "data/sources.csv", index=False)
    run = snakemake(other, "--configfile", "config/other.yaml")
    assert run.returncode == 0, run.stderr[-4000:]
    html = (other / "results/report/report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "onerror=alert(1)>" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert" in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # shown as text
    assert "renamed_ports" in html and "synthetic_ports" not in html
    assert "best first: dirichlet weights" not in html and "Robustness of" in html
    provenance = (other / "results/ro-crate-metadata.json").read_text(encoding="utf-8")
    assert "config/other.yaml" in provenance and "renamed_ports" in provenance


@pytest.mark.slow
def test_a_port_added_to_the_catalogue_reruns_only_what_reads_every_entity(run_copy):
    """Each job reads its part of the catalogue (porteval.slices): a port in no study changes the checks of every
    file, the coverage of every entity, the provenance and the report, and nothing of any study."""
    path = run_copy / "config/entities.yaml"
    text = path.read_text(encoding="utf-8")
    added = text.replace("cities:\n", "  Qingdao Port: {code: Y5, name_zh: 青岛港, city: Qingdao}\ncities:\n", 1)
    path.write_text(added + "  Qingdao: {name_zh: 青岛市}\n", encoding="utf-8")
    try:
        planned = snakemake(run_copy, "-n")
        rules = sorted(
            {line.split()[1].rstrip(":") for line in planned.stdout.splitlines() if line.startswith(("rule ", "localrule "))}
        )
        assert planned.returncode == 0 and rules == ["all", "data_summary", "provenance", "report"]
    finally:
        path.write_text(text, encoding="utf-8")
        assert "Nothing to be done" in snakemake(run_copy, "-n").stdout  # the parts are as they were: nothing to redo


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdftotext")), reason="needs chromium and poppler-utils")
def test_the_report_prints_with_every_table_cell_its_chinese_glyphs_and_no_stranded_heading(project, tmp_path):
    """Printed by headless Chromium as a reviewer would (CI installs no CJK font): every cell of every table is in
    the PDF's text (a clipped column is not), the embedded font that draws the Chinese text is in the PDF, and no
    page ends with a heading whose text follows on the next."""
    import html
    import re

    page = project / "results/report/report.html"
    pdf = tmp_path / "report.pdf"
    browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    subprocess.run(
        [*browser, f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = page.read_text(encoding="utf-8")
    printed = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", printed)
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", text, re.S)]
    assert cells and [c for c in cells if c and re.sub(r"\s+", "", c) not in flat] == []
    assert re.search("[\u4e00-\u9fff]", text) and "porteval CJK" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" in fonts  # Chromium embeds the report's CJK web font (CFF outlines) as a Type 3 font
    headings = {html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", text, re.S)}
    last_lines = [[line for line in p.splitlines() if line.strip()][-1:] for p in printed.split("\f") if p.strip()]
    assert not [lines[0] for lines in last_lines if lines and lines[0].strip().rstrip("¶").strip() in headings]


def test_the_first_screen_names_indicators_and_subsystems_in_words(project):
    """The first screen (up to the display items) shows no bare indicator or subsystem code: each is named, its
    code in parentheses at most. The summary it quotes holds the code itself, so the naming is what removes it."""
    import html as markup
    import re

    from porteval.names import bare_codes

    page = (project / "results/report/report.html").read_text(encoding="utf-8")
    start = page.index('id="At-a-glance"')
    end = min(i for i in (page.find('id="Display-items"', start), page.find('id="Claims"', start)) if i > 0)
    text = markup.unescape(re.sub(r"<[^>]+>", " ", page[start:end]))
    assert bare_codes(text) == [], bare_codes(text)
    heaviest = pd.read_csv(project / "results/robustness/synthetic_ports/summary.csv")["heaviest_indicator"].iloc[0]
    assert bare_codes(heaviest) == [heaviest] and f"({heaviest})" in text

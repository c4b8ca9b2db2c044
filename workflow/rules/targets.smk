# What a run makes, from the config: the final targets, the papers' tables and figures, the robustness files of
# each comparison, the captions of `snakemake --report`, and the files the report shows.


def final_outputs():
    # Every file the README documents is a target, intermediates too: a deleted one is made again (with what reads
    # it) by the next run; Snakemake alone does not remake an intermediate whose dependants look up to date.
    return [
        *expand(
            "results/studies/{study}/{step}.csv",
            study=STUDIES,
            step=STUDY_FILES,
        ),
        *expand(
            "results/data/{kind}/{entity}.csv", kind=["imputed", "breaks"], entity=ENTITY_CELLS
        ),
        "results/data/validation.txt",
        "results/data/coverage.csv",
        "results/data/level_breaks.csv",
        *(["results/reproduction/audit.csv"] if AUDITED else []),
        *expand("results/tables/{study}/{table}.csv", study=STUDIES, table=STUDY_TABLES),
        *expand(
            "results/figures/{study}/{figure}.{ext}",
            study=STUDIES,
            figure=STUDY_FIGURES,
            ext=FIGURE_FORMATS,
        ),
        "results/data/gaps.csv",
        "results/data/observations.csv",  # a documented deliverable: made again when deleted
        *(["results/reproduction/scorecard.csv"] if PAPER_JOBS else []),
        *(["results/reproduction/claims.csv"] if CLAIM_PAPERS else []),
        *(p for job in PAPER_JOBS.values() for p in flat(job["outputs"])),
        "results/report/report.html",
        "results/ro-crate-metadata.json",
        *audit_trail_files(),
        *robustness_targets(),
    ]


def audit_trail_files():
    return [f"results/audit/{a['study']}/{trail_name(a)}.md" for a in config["audit_trail"]]


def trail_name(entry):
    return f"{entry.get('comparison', 'window')}_{entry['alternative']}".replace(" ", "_")


def audit_trails():
    """Each audit trail of the config: its study, alternative and comparison (the study's whole window unless
    given), the study's files it reads and the Markdown and CSV it writes."""
    trails = []
    for entry in config["audit_trail"]:
        name, study = entry["study"], config["studies"][entry["study"]]
        trails.append(
            {
                "study": name,
                "study_config": study,
                "alternative": entry["alternative"],
                "comparison": entry.get("comparison", study_window(study)),
                "files": {
                    "observations": observations_of(set(study_entities(study))),
                    **{
                        f: f"results/studies/{name}/{f}.csv"
                        for f in ("imputed", "matrix", "normalised", "weights", "scores")
                    },
                },
                "md": f"results/audit/{name}/{trail_name(entry)}.md",
                "csv": f"results/audit/{name}/{trail_name(entry)}.csv",
            }
        )
    return trails


def paper_jobs():
    """Each paper this run reproduces (PLAN, in the registry's order) with its job: the study that reproduces it and
    its config, and the paper's files by key: what its plug-in needs, resolved to files, and what it writes (the
    tables, scorecard rows and figures every paper has, and its plug-in's own outputs)."""
    jobs = {}
    every_entity = {e["entity"] for e in ENTITIES.values()}
    for paper, spec in PLAN.items():
        own, study = plugin(paper), spec["study"]
        entities = set(study_entities(config["studies"][study])) if study else set()
        where = {
            "study": lambda step: f"results/studies/{study}/{step}.csv",
            "observations": lambda: observations_of(entities),
            "pool": lambda: observations_of(every_entity),
            "input": lambda: spec["input"],
        }
        jobs[paper] = {
            "study": study,
            "study_config": config["studies"].get(study),
            "inputs": {key: where[need[0]](*need[1:]) for key, need in own.needs(paper).items()},
            "outputs": {
                "tables": table_files(paper),
                "card": card_file(paper),
                "figures": figure_files(paper),
                **{key: out.path for key, out in own.outputs(paper, study).items()},
            },
        }
    return jobs


PAPER_JOBS = paper_jobs()
# The audit of the published tables, when a paper of this run has identities among its tables to check.
AUDITED = any(own.audit for own in modules(list(PLAN)))


def paper_outputs(paper):
    """A paper's outputs as the reproduce job names them, with the caption `snakemake --report` shows (its tables'
    CSV, its figures' PNG, its plug-in's captioned outputs)."""
    citation, job = PAPERS[paper]["citation"], PAPER_JOBS[paper]
    out = [
        captioned(
            csv,
            caption=f"../report/{PAPERS[paper]['tables'][name]['caption']}",
            category=citation,
            subcategory=PAPERS[paper]["tables"][name]["label"],
        )
        for name, (csv, _) in job["outputs"]["tables"].items()
    ]
    out += [md for _, md in job["outputs"]["tables"].values()]
    out.append(job["outputs"]["card"])
    out += [
        captioned(
            png,
            caption="../report/paper_figures.rst",
            category=citation,
            subcategory="Figures",
            labels={"figure": name},
        )
        for name, (png, _) in job["outputs"]["figures"].items()
    ]
    out += [svg for _, svg in job["outputs"]["figures"].values()]
    for out_file in plugin(paper).outputs(paper, job["study"]).values():
        out.append(
            captioned(
                out_file.path,
                caption=f"../report/{out_file.caption}",
                category="Reproduction",
                subcategory=out_file.subcategory,
            )
            if out_file.caption
            else out_file.path
        )
    return out


def reproduce_io():
    """The named inputs and outputs of the reproduce job: the published tables, and what each paper of this run
    reads and writes (porteval.reproduce_run reads the papers' files from its params)."""
    inputs = {
        "reference": REFERENCE_PATHS,
        "catalogue": CATALOGUE_PARTS["papers"],
        "papers": [p for job in PAPER_JOBS.values() for p in flat(job["inputs"])],
    }
    outputs = {}
    if AUDITED:
        outputs["audit_csv"] = captioned(
            "results/reproduction/audit.csv",
            caption="../report/audit.rst",
            category="Reproduction",
            subcategory="Audit of the published tables",
        )
        outputs["audit_md"] = "results/reproduction/audit.md"
    if PAPER_JOBS:
        outputs["papers"] = [p for paper in PAPER_JOBS for p in paper_outputs(paper)]
        outputs["scorecard"] = captioned(
            "results/reproduction/scorecard.csv",
            caption="../report/scorecard.rst",
            category="Reproduction",
            subcategory="Scorecard",
        )
        outputs["scorecard_summary"] = "results/reproduction/scorecard_summary.csv"
    return inputs, outputs


# The papers whose claims (porteval/papers.yaml) a study of this run can answer, with that study's files.
CLAIM_PAPERS = [paper for paper in REPRODUCES if PAPERS[paper].get("claims")]


def claim_papers():
    out = {}
    for paper in CLAIM_PAPERS:
        name = REPRODUCES[paper]
        out[paper] = {
            "study": name,
            "study_config": config["studies"][name],
            "files": {
                **{
                    f: f"results/studies/{name}/{f}.csv"
                    for f in ("scores", "weights", "imputed", "breaks")
                },
                "observations": observations_of(set(study_entities(config["studies"][name]))),
                "multiverse": multiverse_file(name),
            },
        }
    return out


def flat(files):
    """Every path of a dict whose values are paths, lists of paths or dicts of them."""
    out = []
    for v in files.values():
        out += [v] if isinstance(v, str) else flat(v) if isinstance(v, dict) else list(v)
    return out


STUDY_TABLES = ["weights", "overall", "subsystems"]
STUDY_FIGURES = ["weights", "subsystems", "utility"]
FIGURE_FORMATS = ["png", "svg"]


def study_figure_files():
    """Each study's files the study_figures job reads, and the figures it draws (PNG; the SVG beside each)."""
    return {
        name: {
            **{f: f"results/studies/{name}/{f}.csv" for f in ("weights", "matrix", "scores")},
            "catalogue": CATALOGUE_PARTS[f"studies/{name}"],
            "figures": [f"results/figures/{name}/{figure}.png" for figure in STUDY_FIGURES],
        }
        for name in STUDIES
    }


# The files each analysis writes for one comparison (results/robustness/<study>/<comparison>/).
ROBUSTNESS_FILES = {
    "dominance": ["dominance"],
    "smaa": ["rank_acceptability", "central_weights"],
    "data": ["data_uncertainty", "data_drivers", "break_scenarios"],
    "leave_out": ["leave_out", "rank_reversal"],
    "entropy_inputs": ["entropy_inputs"],
    "methods": ["method_ranks", "method_agreement", "vikor"],
    "multiverse": [],  # one table per study (results/robustness/<study>/multiverse.csv), none per comparison
}
ROBUSTNESS = {name: config["robustness"][name]["enabled"] for name in ROBUSTNESS_FILES}
SMAA = config["robustness"]["smaa"]  # defaults: the schema's (config validation fills them in)
WINDOW_ONLY = {"entropy_inputs"}
ROBUSTNESS_FIGURES = [
    name
    for name, analysis in (
        ("acceptability", "smaa"),
        ("methods", "methods"),
        ("data", "data"),
        ("multiverse", "multiverse"),
    )
    if ROBUSTNESS[analysis]
]
COMPARISONS = {name: study_comparisons(study) for name, study in config["studies"].items()}


def robustness_figure_names(study):
    """The robustness figures of a study (its robustness job draws them): those of its whole window, and the
    probability of ranking first in each year when it has yearly comparisons."""
    years = ["years"] if ROBUSTNESS["smaa"] and len(COMPARISONS[study]) > 1 else []
    return ROBUSTNESS_FIGURES + years


def robustness_inputs(wildcards):
    return {
        "matrix": f"results/studies/{wildcards.study}/matrix.csv",
        "weights": f"results/studies/{wildcards.study}/weights.csv",
        "catalogue": catalogue_of_study(wildcards),
    }


def smaa_chunks_by_comparison(study):
    """The SMAA chunk files of each comparison, when the draws are split into chunk jobs (robustness.smaa.chunks)."""
    if not ROBUSTNESS["smaa"] or SMAA["chunks"] == 1:
        return {}
    return {
        c: [
            (
                f"results/robustness/{study}/{c}/smaa/acceptability_{k}.csv",
                f"results/robustness/{study}/{c}/smaa/central_weights_{k}.csv",
            )
            for k in range(SMAA["chunks"])
        ]
        for c in COMPARISONS[study]
    }


def smaa_chunk_files(study):
    return [
        p for pairs in smaa_chunks_by_comparison(study).values() for pair in pairs for p in pair
    ]


def robustness_files(study):
    """(analysis, name, comparison, path) of every robustness file of every comparison of a study."""
    window = study_window(config["studies"][study])
    return [
        (analysis, name, comparison, f"results/robustness/{study}/{comparison}/{name}.csv")
        for analysis, names in ROBUSTNESS_FILES.items()
        if ROBUSTNESS[analysis]
        for name in names
        for comparison in COMPARISONS[study]
        if analysis not in WINDOW_ONLY or comparison == window
    ]


def comparison_files(study):
    """Every robustness file of every comparison of a study, by analysis, name and comparison."""
    return {f"{a}_{name}_{c}": path for a, name, c, path in robustness_files(study)}


def files_by_comparison(study):
    """The robustness files of a study by comparison and name (the study's robustness job writes them so)."""
    tables = {}
    for _, name, comparison, path in robustness_files(study):
        tables.setdefault(comparison, {})[name] = path
    return tables


def multiverse_file(study):
    """The study's multiverse table, when the multiverse runs."""
    return [f"results/robustness/{study}/multiverse.csv"] if ROBUSTNESS["multiverse"] else []


def robustness_targets():
    if not any(ROBUSTNESS.values()):
        return []
    targets = [f"results/robustness/{study}/summary.csv" for study in STUDIES]
    targets += [p for study in STUDIES for p in multiverse_file(study)]
    targets += ["results/robustness/error_calibration.csv"] if ROBUSTNESS["data"] else []
    targets += [
        f"results/figures/{study}/robustness_{name}.{ext}"
        for study in STUDIES
        for name in robustness_figure_names(study)
        for ext in FIGURE_FORMATS
    ]
    return targets


def captioned(path, **kwargs):
    """Snakemake's report() flag; a line that starts with `report` is read as the report directive."""
    return report(path, **kwargs)


def report_files():
    """Every file the report shows, by a key the notebook uses: this run's outputs and nothing else."""
    files = {
        "coverage": "results/data/coverage.csv",
        "coverage_figure": "results/figures/coverage.png",
        "level_breaks": "results/data/level_breaks.csv",
        "observations": "results/data/observations.csv",
        "sources": config["data"]["sources"],
        # the indicators' names, where the report names one
        "indicators": config["catalogue"]["indicators"],
    }
    # the tested versions, beside this run's (Computational requirements)
    if Path("requirements.lock").exists():
        files["lock"] = "requirements.lock"
    if AUDITED:
        files["audit"] = "results/reproduction/audit.csv"
    if CLAIM_PAPERS:
        files["claims"] = "results/reproduction/claims.csv"
        files["claims_figure"] = "results/figures/claims_evidence.png"
        files["claims_multiverse_choices"] = "results/reproduction/claims_multiverse_choices.csv"
    if ROBUSTNESS["data"]:
        files["error_calibration"] = "results/robustness/error_calibration.csv"
    if PAPER_JOBS:
        files["scorecard"] = "results/reproduction/scorecard.csv"
        files["scorecard_summary"] = "results/reproduction/scorecard_summary.csv"
    # The papers' files by their keys (an SVG is the PNG's twin: not shown).
    for paper, job in PAPER_JOBS.items():
        own = {name: csv for name, (csv, _) in job["outputs"]["tables"].items()}
        own |= {name: png for name, (png, _) in job["outputs"]["figures"].items()}
        own |= {
            key: out.path
            for key, out in plugin(paper).outputs(paper, job["study"]).items()
            if not out.path.endswith(".svg")
        }
        taken = sorted(key for key in own if key in files)
        if taken:  # one key, one file: the report would show one file in the other's place
            raise ConfigError(
                f"workflow/porteval/papers.yaml: {paper}: {', '.join(taken)} already name other files of the report "
                "(its tables, figures and plug-in outputs need names of their own)"
            )
        files |= own
    for study in STUDIES:
        files[f"{study}/dropped"] = f"results/studies/{study}/dropped.csv"
        files[f"{study}/imputed"] = f"results/studies/{study}/imputed.csv"
        files[f"{study}/breaks"] = f"results/studies/{study}/breaks.csv"
        for table in STUDY_TABLES:
            files[f"{study}/table/{table}"] = f"results/tables/{study}/{table}.csv"
        for figure in STUDY_FIGURES:
            files[f"{study}/figure/{figure}"] = f"results/figures/{study}/{figure}.png"
        if any(ROBUSTNESS.values()):
            files[f"{study}/robustness/summary"] = f"results/robustness/{study}/summary.csv"
            for path in multiverse_file(study):
                files[f"{study}/robustness/multiverse"] = path
            window = study_window(config["studies"][study])
            for key, path in comparison_files(study).items():
                if path.startswith(f"results/robustness/{study}/{window}/"):
                    files[f"{study}/robustness/{Path(path).stem}"] = path
            for figure in robustness_figure_names(study):
                files[f"{study}/robustness/figure/{figure}"] = (
                    f"results/figures/{study}/robustness_{figure}.png"
                )
    for entry in config["audit_trail"]:
        files[f"trail/{entry['study']}/{trail_name(entry)}"] = (
            f"results/audit/{entry['study']}/{trail_name(entry)}.md"
        )
    return files

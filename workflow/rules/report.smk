rule report:
    """Execute the parametrised report notebook (papermill) on exactly this run's files and render it to
    self-contained HTML."""
    input:
        notebook="notebooks/report.ipynb",
        files=list(report_files().values()),
    output:
        notebook="results/report/report.ipynb",
        html=report(
            "results/report/report.html",
            caption="../report/report.rst",
            category="Report",
        ),
    log:
        "logs/report.log",
    benchmark:
        "benchmarks/rules/report.tsv"
    conda:
        PYENV
    params:
        code=code_of("render_report", "notebooks/report.ipynb"),
        files=report_files(),
        studies={name: config["studies"][name] for name in STUDIES},
        settings={
            "imputation": config["imputation"],
            "level_break_threshold": config["data"]["level_break_threshold"],
            "robustness": config["robustness"],
            "weighting": config["weighting"],
            "stale_folders": _stale,
            "papers": list(
                PLAN
            ),  # what the run reproduces: decided once (porteval.reproductions.plan)
        },
        title=reproductions.report_title(list(PLAN), STUDIES),
    script:
        "../scripts/render_report.py"


rule provenance:
    """What this run was made from, as a Workflow Run RO-Crate (porteval.crate): checksums of every input and of
    every result, the report included, the settings used, package versions, the git commit and the files that
    differ from it, and each job with its inputs and outputs. It comes after every result,
    and the Snakefile's onstart removes the previous one, so it never describes inputs that some result was not
    made from; nothing needs it as an input, so re-making any result (the report alone too) makes it again.
    """
    input:
        inputs=[
            RAW_FILES,
            WIDE_SHEETS,
            WEIGHTS_FILE,
            CATALOGUE_FILES,
            config["data"]["sources"],
            [
                os.path.relpath(f) for f in workflow.configfiles
            ],  # relative: a record that does not depend on where the run was
            "notebooks/report.ipynb",
            [
                p for p in ["requirements.lock"] if Path(p).exists()
            ],  # the tested versions, hashed beside the installed
            [spec["input"] for spec in PLAN.values() if spec["input"]],
            REFERENCE_PATHS,
        ],
        results=[f for f in final_outputs() if f != "results/ro-crate-metadata.json"],
    output:
        "results/ro-crate-metadata.json",
    log:
        "logs/provenance.log",
    benchmark:
        "benchmarks/rules/provenance.tsv"
    conda:
        PYENV
    params:
        code=code_of("provenance"),
        config=config,
    script:
        "../scripts/provenance.py"


if config["audit_trail"]:

    rule audit_trail:
        """Every audit trail of the config in one job: each follows one alternative through every step (raw values and
        sources, filled, normalised, weighted, S+, S-, Q, U), naming the file of each number."""
        input:
            [path for trail in audit_trails() for path in flat(trail["files"])],
            sources=config["data"]["sources"],
            catalogue=CATALOGUE_PARTS["audit_trail"],
        output:
            [path for trail in audit_trails() for path in (trail["md"], trail["csv"])],
        log:
            "logs/audit_trail.log",
        benchmark:
            "benchmarks/rules/audit_trail.tsv"
        conda:
            PYENV
        params:
            code=code_of("audit_trail"),
            trails=audit_trails(),
        script:
            "../scripts/audit_trail.py"

# The papers' reproduction is one job (porteval.reproduce_run): the audit of the published tables, the series
# diagnosis, each paper's tables and scorecard rows, the scorecard and the papers' figures. It has the inputs and
# outputs of the papers this run reproduces (targets.smk: reproduce_io); with none, the rule is not defined.
REPRODUCE_INPUTS, REPRODUCE_OUTPUTS = reproduce_io()
if REPRODUCE_OUTPUTS:

    rule reproduce:
        """The audit of the published tables (identities among them, with residuals); which of our series are the
        paper's (d_j / (D-hat w_j) per indicator, and the series Table 4 implies); Zeng et al. Tables 2-4 and 5-6
        and Zhang's Table 2 (against independent sources) beside ours; one scorecard row per published number; and
        the papers' figures, ours beside the published values (PNG and SVG)."""
        input:
            **REPRODUCE_INPUTS,
        output:
            **REPRODUCE_OUTPUTS,
        log:
            "logs/reproduce.log",
        benchmark:
            "benchmarks/rules/reproduce.tsv"
        conda:
            PYENV
        params:
            code=code_of("reproduce"),
            longitudinal_study=REPRODUCES.get("zeng2022_longitudinal"),
            longitudinal=config["studies"].get(REPRODUCES.get("zeng2022_longitudinal")),
            cross_port=config["studies"].get(REPRODUCES.get("zeng2022_cross_port")),
            mode=config["weighting"]["mode"],
            use_qualifiers=config["data"]["use_qualifiers"],
        script:
            "../scripts/reproduce.py"


if CLAIM_PAPERS:

    rule claims:
        """The papers' claims, each answered by the paper's own tables, by our data and under each robustness
        analysis (uniform and Dirichlet weights, data, level breaks, leave one indicator or alternative out).
        """
        input:
            lambda w: [path for spec in claim_papers().values() for path in flat(spec["files"])],
            residuals="results/robustness/error_residuals.csv",
            reference=REFERENCE_PATHS,
            catalogue=CATALOGUE_PARTS["papers"],
        output:
            csv=captioned(
                "results/reproduction/claims.csv",
                caption="../report/claims.rst",
                category="Reproduction",
                subcategory="Claims",
            ),
            md="results/reproduction/claims.md",
            multiverse="results/reproduction/claims_multiverse.csv",
            choices="results/reproduction/claims_multiverse_choices.csv",
            figure=captioned(
                "results/figures/claims_evidence.png",
                caption="../report/claims_figure.rst",
                category="Reproduction",
                subcategory="Claims",
            ),
            figure_svg="results/figures/claims_evidence.svg",
        log:
            "logs/claims.log",
        benchmark:
            "benchmarks/rules/claims.tsv"
        conda:
            PYENV
        params:
            code=code_of("claims"),
            papers=lambda w: claim_papers(),
            settings={
                "smaa": config["robustness"]["smaa"],
                "data": config["robustness"]["data"],
                "enabled": ROBUSTNESS,
            },
            imputation=config["imputation"],
        script:
            "../scripts/claims.py"

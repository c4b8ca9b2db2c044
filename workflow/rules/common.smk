from pathlib import Path

from snakemake.utils import validate

from porteval.catalogue import check_studies, load_catalogue


validate(config, schema="../../config/schemas/config.schema.yaml")

CATALOGUE = load_catalogue(config["catalogue"]["indicators"], config["catalogue"]["entities"])
check_studies(config, CATALOGUE)

STUDIES = sorted(config["studies"])
RAW_FILES = sorted(str(p) for p in Path(config["data"]["raw"]).glob("*.csv"))
WIDE_SHEETS = [sheet["path"] for sheet in config["data"]["wide_sheets"]]
CATALOGUE_FILES = [config["catalogue"]["indicators"], config["catalogue"]["entities"]]
REFERENCE = "data/reference"
WEIGHTS_FILE = (
    [config["weighting"]["file"]] if config["weighting"]["mode"] == "file" else []
)
PYENV = "../../envs/porteval.yaml"


def study_config(wildcards):
    return config["studies"][wildcards.study]


def final_outputs():
    return [
        *expand("results/studies/{study}/normalised.csv", study=STUDIES),
        *expand("results/tables/{study}/{table}.csv", study=STUDIES, table=STUDY_TABLES),
        *expand("results/figures/{study}/{figure}.{ext}", study=STUDIES, figure=STUDY_FIGURES, ext=FIGURE_FORMATS),
        "results/report/report.html",
    ]


STUDY_TABLES = ["weights", "overall", "subsystems"]
STUDY_FIGURES = ["weights", "utility", "subsystems"]
FIGURE_FORMATS = ["png", "svg"]

"""A run says nothing it need not: the captions of `snakemake --report` are valid reStructuredText once Snakemake
has filled in their Jinja fields (docutils printed 28 warnings when two captions named a wildcard their job lacked),
and every cell of the report notebook has an id (nbformat warned about 9 that lacked one in every report job)."""

import io
import warnings
from collections import defaultdict
from pathlib import Path

import docutils.core
import jinja2
import pytest

CAPTIONS = sorted((Path(__file__).resolve().parents[1] / "workflow/report").glob("*.rst"))


@pytest.mark.parametrize("path", CAPTIONS, ids=lambda p: p.name)
def test_a_caption_renders_without_a_docutils_warning(path):
    fields = {"wildcards": defaultdict(lambda: "a_study"), "params": defaultdict(str), "config": defaultdict(str)}
    text = jinja2.Template(path.read_text(encoding="utf-8")).render(snakemake=fields, categories={}, files={})
    said = io.StringIO()
    docutils.core.publish_parts(text, writer="html", settings_overrides={"warning_stream": said})
    assert said.getvalue() == ""


def test_a_wildcard_left_empty_is_what_the_check_catches():
    said = io.StringIO()
    docutils.core.publish_parts("Study ````: weights.", writer="html", settings_overrides={"warning_stream": said})
    assert "Inline literal start-string without end-string" in said.getvalue()


def test_every_cell_of_the_report_notebook_has_an_id_and_nbformat_reads_it_without_a_warning():
    import nbformat

    path = Path(__file__).resolve().parents[1] / "notebooks/report.ipynb"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    ids = [cell.get("id") for cell in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids)

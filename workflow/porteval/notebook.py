"""Executing the report notebook and making its outputs byte-identical across runs."""

from __future__ import annotations

import nbformat
from nbconvert import HTMLExporter


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove what changes from run to run: timestamps, durations, random cell ids, kernel details."""
    nb.metadata.pop("papermill", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell["execution_count"] = None
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = None
    return nb


def to_html(nb: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(exclude_input=True)
    body, _ = exporter.from_notebook_node(nb)
    return body

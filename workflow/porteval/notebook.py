"""Executing the report notebook and making its outputs byte-identical across runs."""

from __future__ import annotations

import re

import nbformat
from nbconvert import HTMLExporter

from .report import check_safe_html


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


# Tables that fit the page on screen and in print: smaller type, cells that wrap, no horizontal clipping.
READING_CSS = """<style>
.jp-RenderedHTMLCommon table { font-size: 0.82em; table-layout: auto; max-width: 100%; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  white-space: normal; word-break: normal; overflow-wrap: break-word; padding: 2px 5px;
}
.jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .jp-RenderedHTMLCommon table { font-size: 7pt; }
  .jp-OutputArea-output { overflow: visible !important; }
}
</style>"""
_CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="(https?:)?[^"]*"[^>]*>\s*</script>\s*')
_MODULE_SCRIPT = re.compile(r'<script type="(module|text/x-mathjax-config)">.*?</script>\s*', re.DOTALL)


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """Self-contained HTML: no script from a CDN (the report needs none: no maths, no widgets), a title, and
    tables that fit the page. Refuses HTML that holds a script, an event handler or a javascript: link."""
    exporter = HTMLExporter(exclude_input=True, require_js_url="", mathjax_url="")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = _MODULE_SCRIPT.sub("", _CDN_SCRIPT.sub("", body))
    check_safe_html(body)
    return body.replace("</head>", READING_CSS + "\n</head>", 1)

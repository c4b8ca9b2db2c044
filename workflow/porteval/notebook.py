"""Executing the report notebook and making its outputs byte-identical across runs."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import nbformat
from fontTools import subset
from fontTools.ttLib import TTFont
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


# Tables that fit the page on screen and in print: smaller type, cells that wrap, no horizontal clipping; a long URL
# in a paragraph or a list breaks where it must (one ran off the printed page). In
# print, a long text or table flows on to the next page (JupyterLab keeps each output whole), a heading stays with
# what follows it, a figure or a table row is not split, a table's header row repeats on each page, and a figure is
# at most half a page high (two to a page, not one and a blank half); text is set at 9 pt and tables at 6.8 pt, which a
# printed A4 page reads like a journal's supplement.
READING_CSS = """<style>
.jp-RenderedHTMLCommon table { font-size: 0.82em; table-layout: auto; max-width: 100%; }
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li { overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  white-space: normal; word-break: normal; overflow-wrap: break-word; padding: 2px 5px;
}
.figures { display: flex; gap: 1em; align-items: flex-start; }
.figures img { max-width: 100%; height: auto; min-width: 0; }
.figures img.pair { width: 49%; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .jp-RenderedHTMLCommon { font-size: 9pt; line-height: 1.35; }
  .jp-RenderedHTMLCommon table { font-size: 6.8pt; }
  .jp-OutputArea-output { overflow: visible !important; }
  .jp-OutputArea-child { break-inside: auto; }
  h1, h2, h3, h4 { break-after: avoid; }
  .jp-Cell:has(h1, h2, h3, h4):not(:has(table, img)) { break-after: avoid; }
  .figures, img, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .figures img.half { max-height: 85mm; width: auto; }
  .figures img.tall { max-height: 180mm; width: auto; }
}
</style>"""
# The CJK font the report embeds (fonts/README.md: Noto Sans CJK SC, 9,233 common characters, SIL OFL 1.1).
CJK_FONT = Path(__file__).with_name("fonts") / "NotoSansSC-common.woff"
CJK_RANGES = "U+2E80-9FFF, U+F900-FAFF, U+FF00-FFEF, U+3000-303F"
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def cjk_font_css(text: str) -> str:
    """CSS that embeds the glyphs of the CJK characters ``text`` uses (a subset of CJK_FONT, as a data: URL) and
    puts them first for those characters only (unicode-range), so that Chinese prints on a machine without a CJK
    font; '' when the text has none. The same text gives the same bytes."""
    used = "".join(sorted(set(_CJK.findall(text))))
    if not used:
        return ""
    font = TTFont(CJK_FONT, recalcTimestamp=False)
    options = subset.Options()
    options.flavor, options.layout_features, options.hinting = "woff", [], False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=used)
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    url = "data:font/woff;base64," + base64.b64encode(data.getvalue()).decode("ascii")
    return (
        "<style>\n"
        f'@font-face {{ font-family: "porteval CJK"; src: url({url}) format("woff"); unicode-range: {CJK_RANGES}; }}\n'
        'body { font-family: "porteval CJK", var(--jp-ui-font-family, sans-serif); }\n'
        '.jp-RenderedHTMLCommon { font-family: "porteval CJK", var(--jp-content-font-family, sans-serif); }\n'
        "</style>"
    )


_CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="(https?:)?[^"]*"[^>]*>\s*</script>\s*')
_MODULE_SCRIPT = re.compile(r'<script type="(module|text/x-mathjax-config)">.*?</script>\s*', re.DOTALL)


_HEADER_CELL = re.compile(r"(<th[^>]*>)([^<]*)(</th>)")


def _breakable(match: re.Match) -> str:
    """A column name may break after each underscore (published_cargo_throughput_10k_tons), so that a wide table
    fits the page without breaking a short word or a number."""
    return match.group(1) + match.group(2).replace("_", "_<wbr>") + match.group(3)


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """Self-contained HTML: no script from a CDN (the report needs none: no maths, no widgets), a title, tables
    that fit the page, print rules (READING_CSS), and the glyphs of its Chinese text embedded (cjk_font_css).
    Refuses HTML that holds a script, an event handler or a javascript: link."""
    exporter = HTMLExporter(exclude_input=True, require_js_url="", mathjax_url="")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = _HEADER_CELL.sub(_breakable, _MODULE_SCRIPT.sub("", _CDN_SCRIPT.sub("", body)))
    check_safe_html(body)
    return body.replace("</head>", READING_CSS + cjk_font_css(body) + "\n</head>", 1)

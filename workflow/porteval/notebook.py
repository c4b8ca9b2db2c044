"""Executing the report notebook and making its outputs byte-identical across runs."""

from __future__ import annotations

import base64
import copy
import io
import re
from pathlib import Path

import nbformat
import nh3
from fontTools import subset
from fontTools.ttLib import TTFont
from jinja2 import pass_context
from jupyter_client import AsyncKernelManager
from nbconvert import HTMLExporter


def kernel_logging_to(stream) -> type[AsyncKernelManager]:
    """A kernel manager (for papermill's ``kernel_manager_class``) whose kernel writes its own output (its start, the
    traceback of a cell interrupted when the job is stopped) to ``stream``, the job's log, not to the console: a
    Ctrl-C during the report job printed the kernel's KeyboardInterrupt traceback among Snakemake's lines."""

    class LoggedKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            return await super()._async_launch_kernel(kernel_cmd, **{**kw, "stdout": stream, "stderr": stream})

    return LoggedKernelManager


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
  /* the papers' sections share one cell (each plug-in writes its sections in it): a heading with its first words,
     and a table's or a figure's caption, stay with what follows, as a heading's cell of its own does */
  .celltag_papers .jp-OutputArea-child:has(h1, h2, h3, h4):not(:has(table, img)) { break-after: avoid; }
  .celltag_papers .jp-OutputArea-child:not(:has(table, img)):has(+ .jp-OutputArea-child :is(table, img)) {
    break-after: avoid;
  }
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


# What the report may do once it is open: it needs no script, and every image and font it shows is embedded (data:),
# so it may load nothing from anywhere and run nothing. A payload that slipped past escaping and sanitising (a remote
# image, a script, a form, a <base>) is then inert: the browser refuses it before any request.
CSP = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# The HTML that Markdown may become (the report's words, with data and config text in them): text, emphasis, lists,
# tables, headings with their anchors, links. No image, no form, no frame, no style but a table cell's alignment.
_MARKDOWN_TAGS = {
    *("a", "p", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "del", "sup", "sub", "br", "hr", "span"),
    *("table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6"),
}
_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    **{f"h{i}": {"id"} for i in range(1, 7)},
}
_FIGURE = "data:image/png;base64,"  # the only image the report shows: its own figures, embedded (figure_html)


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    """A link only to a web page or a heading of the report; an image only one of the report's embedded figures."""
    if attribute == "href":
        return value if value.startswith(("http://", "https://", "#")) else None
    if attribute == "src":
        return value if value.startswith(_FIGURE) else None
    return value


_COMMON = {"url_schemes": {"http", "https", "data"}, "link_rel": None, "attribute_filter": _attribute}
_COMMON |= {"filter_style_properties": {"text-align"}, "strip_comments": True}
MARKDOWN_CLEANER = nh3.Cleaner(tags=_MARKDOWN_TAGS, attributes=_ATTRIBUTES, **_COMMON)
HTML_CLEANER = nh3.Cleaner(  # the report's HTML outputs: its figures (figure_html)
    tags=_MARKDOWN_TAGS | {"div", "img"},
    attributes=_ATTRIBUTES | {"div": {"class"}, "img": {"class", "alt", "src"}},
    **_COMMON,
)
# Bidirectional overrides and isolates (U+202A-202E, U+2066-2069) can make text read in another order than it is
# stored (a port name that shows as another): shown as their code points instead.
BIDI_CONTROLS = {c: f"[U+{c:04X}]" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
_SHOWN_OUTPUTS = ("text/plain", "text/markdown", "text/html", "image/png")  # what the report displays; no script


class _SanitisingExporter(HTMLExporter):
    """nbconvert's HTML exporter, with every piece of Markdown it renders (cells and outputs) passed through
    MARKDOWN_CLEANER."""

    @pass_context
    def markdown2html(self, context, source):
        return MARKDOWN_CLEANER.clean(super().markdown2html(context, source))


def _sanitised(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose outputs are only of the kinds the report shows, its HTML cleaned (HTML_CLEANER)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "data" in output:
                output["data"] = {k: v for k, v in output["data"].items() if k in _SHOWN_OUTPUTS}
                if "text/html" in output["data"]:
                    output["data"]["text/html"] = HTML_CLEANER.clean("".join(output["data"]["text/html"]))
    return nb


def to_html(nb: nbformat.NotebookNode, title: str) -> str:
    """Self-contained HTML that cannot reach out: no script (the report needs none: no maths, no widgets), every
    piece of Markdown and HTML sanitised by an allow-list (nh3), bidirectional controls shown as code points, and a
    Content-Security-Policy (CSP) that forbids any script, any remote image, font or frame and any connection. With
    a title, tables that fit the page, print rules (READING_CSS), and the glyphs of its Chinese text embedded
    (cjk_font_css)."""
    exporter = _SanitisingExporter(exclude_input=True, exclude_raw=True, require_js_url="", mathjax_url="")
    body, _ = exporter.from_notebook_node(_sanitised(nb), resources={"metadata": {"name": title}})
    body = _HEADER_CELL.sub(_breakable, _MODULE_SCRIPT.sub("", _CDN_SCRIPT.sub("", body))).translate(BIDI_CONTROLS)
    policy = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    body = re.sub(r"<head>", lambda m: m.group() + "\n" + policy, body, count=1)
    return body.replace("</head>", READING_CSS + cjk_font_css(body) + "\n</head>", 1)

"""The report cannot reach out: data and config text is sanitised (nh3, an allow-list) and the page carries a
Content-Security-Policy, so that a payload that slips past both is inert. Checked in headless Chromium against a
loopback server that counts the requests it gets."""

import http.server
import shutil
import subprocess
import threading

import nbformat
import pytest

from porteval.notebook import CSP, to_html
from porteval.report import safe_markdown

# The round's payloads (issue 33), each as a description or title would carry it; {url} is the loopback server.
PAYLOADS = [
    "![x]({url}/markdown-image)",  # a remote image, in Markdown
    "[a reference][r]\n\n[r]: javascript:alert(1)",  # a reference-style javascript: link (stopped the report job)
    "<img src={url}/html-image onerror=alert(1)>",
    "<{url}/autolink>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "Ningbo\u202eetatS",  # a right-to-left override: the text would read otherwise than it is stored
    "a \u2066isolate\u2069 b",
]
# What escaping and sanitising would stop, forged into the finished page to try the policy alone.
FORGED = [
    '<img src="{url}/forged-image">',
    '<script src="{url}/forged-script"></script>',
    '<link rel="stylesheet" href="{url}/forged-style">',
    '<iframe src="{url}/forged-frame"></iframe>',
    '<style>@import url("{url}/forged-import"); body {{ background: url("{url}/forged-background"); }}</style>',
    "<script>fetch('{url}/forged-fetch')</script>",
]


def report_of(texts) -> str:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": t}) for t in texts]
    nb.cells = [cell]
    return to_html(nb, "t")


def test_payloads_in_markdown_are_sanitised_whether_or_not_escaped_first():
    url = "http://127.0.0.1:9"
    texts = [p.format(url=url) for p in PAYLOADS]
    page = report_of([*texts, *map(safe_markdown, texts), "[a page](https://example.org) [a heading](#Claims)"])
    body = page[page.index("<body") :]
    assert "<img" not in body and 'href="javascript:' not in body and 'href="data:' not in body  # text, not markup
    assert "\u202e" not in page and "\u2066" not in page and "Ningbo[U+202E]etatS" in page  # shown, not obeyed
    assert 'href="https://example.org"' in body and 'href="#Claims"' in body  # the report's own links stay
    head = page[: page.index("</head>")]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<style")  # before anything it governs


def test_an_address_in_angle_brackets_stays_text_not_a_mangled_link():
    """Escaped, ``<https://a.org/x>`` became a link to "https://a.org/x&gt" (the round's case); a plain address in
    the text stays a link, as the report's lists of sources use it."""
    body = report_of([safe_markdown("see <https://a.org/x> and https://b.org/y")])
    assert "&lt;https://a.org/x&gt;" in body and 'href="https://a.org' not in body and 'href="https://b.org/y"' in body


def test_a_figure_is_kept_and_only_an_embedded_one():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    figure = '<div class="figures"><img class="half" alt="a" src="data:image/png;base64,AAAA"><img src="http://x/y"></div>'
    cell.outputs = [nbformat.v4.new_output("display_data", {"text/html": figure, "application/javascript": "alert(2)"})]
    nb.cells = [cell]
    page = to_html(nb, "t")
    assert 'src="data:image/png;base64,AAAA"' in page and "http://x/y" not in page and "alert(2)" not in page


class _Counter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    """An HTTP server on 127.0.0.1 (nowhere else) that records the paths it is asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def opened(page: str, tmp_path) -> None:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser = [
        *("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
        *("--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"),
        "--virtual-time-budget=3000",
        "--dump-dom",
        path.as_uri(),
    ]
    subprocess.run(browser, capture_output=True, timeout=120, check=True)


@pytest.mark.skipif(not shutil.which("chromium"), reason="needs chromium")
def test_opening_the_report_contacts_no_host(loopback, tmp_path):
    url = f"http://127.0.0.1:{loopback.server_port}"
    page = report_of([p.format(url=url) for p in PAYLOADS])
    forged = "".join(f.format(url=url) for f in FORGED)
    opened(page.replace("</body>", forged + "</body>"), tmp_path)
    assert loopback.paths == []
    # The same forged page without its policy does reach the server: the check can come out the other way.
    opened(
        page.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "").replace("</body>", forged + "</body>"),
        tmp_path,
    )
    assert "/forged-image" in loopback.paths

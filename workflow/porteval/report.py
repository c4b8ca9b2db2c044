"""What the report says in words: the first screen, and the table of sources. Everything comes from this run's
files, handed over by the report rule."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, urlparse

import pandas as pd

from .io import atomic_write_text

_AUTHORITY = re.compile(r"authority=(\w+)")
_TAG = re.compile(r"[<>]")
_LINK = re.compile(r"\]\((?!https?://|#)")  # a Markdown link to anything but a web page or a heading of the report
_UNSAFE_HTML = re.compile(r"<script|<[^>]*\son\w+\s*=|<[^>]*\b(href|src)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    """Markdown that shows data and config text as text: every ``<`` and ``>`` escaped, so that no tag and no
    event handler of a source title, a study description or a port name survives, and every link that does not go
    to an http(s) page or a heading of the report made plain text (``javascript:`` links included). The report's
    own Markdown uses no HTML, so it is applied to everything the report says."""
    return _LINK.sub(r"\\](", _TAG.sub(lambda m: "&lt;" if m.group() == "<" else "&gt;", text))


def check_safe_html(html: str) -> None:
    """Raise ValueError when rendered HTML holds a script, an event handler or a javascript: link: the report's
    template has none once its CDN scripts are removed, so one would come from text that escaped escaping."""
    found = _UNSAFE_HTML.search(html)
    if found:
        start = max(found.start() - 80, 0)
        raise ValueError(f"the rendered report holds {found.group()!r} near {html[start : found.end() + 80]!r}")


ANALYSIS_COLUMNS = {  # claims.csv: the share of draws or cases in which a claim holds, by analysis
    "p_uniform_weights": "uniform weights",
    "p_dirichlet_weights": "Dirichlet weights",
    "p_data": "data",
    "p_level_breaks": "level breaks",
    "p_leave_one_indicator_out": "an indicator left out",
    "p_leave_one_alternative_out": "an alternative left out",
}
ROBUST_SHARE = 0.9  # the share of every analysis's draws a claim must hold in to be called robust here


STALE_MARK = '<div class="stale-run"'


def mark_stale(path, log) -> bool:
    """Mark an earlier run's report after a failed run: Snakemake deletes the failed job's outputs but keeps the
    older files that were made from them, so the report may describe results that are no longer all there. A banner
    at the top says so until a run succeeds (the report is then made anew). Returns whether it marked the file."""
    path = Path(path)
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    body = re.search(r"<body[^>]*>", text)
    if STALE_MARK in text or not body:
        return False
    banner = (
        f'{STALE_MARK} style="border:3px solid #b00;padding:1em;margin:1em;font-weight:bold">'
        f"Stale: the latest run failed ({html.escape(str(log))}). This report comes from an earlier run; some files it "
        "describes may have been removed or remade since. Fix the error and run snakemake again.</div>"
    )
    atomic_write_text(path, text[: body.end()] + banner + text[body.end() :])  # recorded: not taken for damage
    return True


def _quoted(rows: pd.DataFrame) -> str:
    return "; ".join(
        f"“{r.reading}” (§{r.section})" if r.section[0].isdigit() else f"“{r.reading}” ({r.section})" for r in rows.itertuples()
    )


def claims_screen(claims: pd.DataFrame) -> list[str]:
    """The papers' claims in words, each count and probability taken from ``claims`` (claims.csv)."""
    lines = []
    paper = claims["paper_tables"].value_counts()
    contradicted = claims[claims["paper_tables"] == "contradicted"]
    undecided = claims[claims["paper_tables"] == "undecided by rounding"]
    lines.append(
        f"**The paper's claims.** We test {len(claims)} conclusions that Zeng et al. state (abstract, §5, Table 5). "
        f"The paper's own tables support {paper.get('supported', 0)} of them at every rounding of the printed numbers"
        + (f" and contradict {len(contradicted)}: {_quoted(contradicted)}" if len(contradicted) else "")
        + (f"; {len(undecided)} depend on the rounding: {_quoted(undecided)}" if len(undecided) else "")
        + "."
    )
    ours = claims["ours"].value_counts()
    reversed_ = claims[claims["decision"] == "decision difference"]
    lines.append(
        f"**Our public data** can test {ours.get('holds', 0) + ours.get('fails', 0)} of them: {ours.get('holds', 0)} hold "
        f"and {ours.get('fails', 0)} fail. In {len(reversed_)} our data reverse a conclusion the paper's tables support"
        + (f": {_quoted(reversed_)}" if len(reversed_) else "")
        + f". The other {ours.get('not reproducible', 0)} need indicators no public source gave us (the claims table names them)."
    )
    ordered = claims["paper_numbers"].map(lambda v: isinstance(v, str) and " > " in v)
    for r in claims[ordered & (claims["ours"] != "not reproducible")].itertuples():
        if r.id.endswith("ranking"):
            lines.append(f"**{r.display}, the ranking:** ours {r.ours_numbers}; the paper's {r.paper_numbers}.")
    held = claims[claims["ours"] == "holds"]
    shares = held[list(ANALYSIS_COLUMNS)]
    weakest = shares.min(axis=1)
    if weakest.notna().any():
        robust = held[weakest >= ROBUST_SHARE]
        worst = held.loc[weakest.idxmin()]
        analysis = ANALYSIS_COLUMNS[shares.loc[weakest.idxmin()].idxmin()]
        lines.append(
            f"**How firmly they hold.** Of the {len(held)} claims our data reproduce, {len(robust)} hold in at least "
            f"{ROBUST_SHARE:.0%} of the draws or cases of every robustness analysis; the least firm, “{worst['reading']}”, "
            f"holds in {weakest.min():.0%} of them under {analysis}."
        )
    return lines


def rests_on(robustness: dict[str, pd.DataFrame], windows: dict[str, str]) -> list[str]:
    """What each study's whole-window ranking rests on: its heaviest indicator and the effective number of
    indicators, from the robustness summaries."""
    lines = []
    for study, table in robustness.items():
        row = table[table["comparison"] == windows[study]]
        if not len(row) or "effective_indicators" not in row:
            continue
        r = row.iloc[0]
        without = r.get("best_without_heaviest")
        lines.append(
            f"**What {study} rests on** ({r['comparison']}): {r['heaviest_indicator']} carries {r['heaviest_weight']:.0%} of "
            f"the weight ({r['effective_indicators']:.1f} effective indicators)"
            + (f"; without it the first is {without}" if isinstance(without, str) and without else "")
            + f"; the verdict is {r['verdict']}."
        )
    return lines


def first_screen(
    summary: pd.DataFrame | None,
    diagnosis: pd.DataFrame | None,
    coverage: pd.DataFrame,
    breaks: pd.DataFrame,
    robustness: dict[str, pd.DataFrame],
    settings: dict,
    claims: pd.DataFrame | None = None,
    windows: dict[str, str] | None = None,
) -> str:
    """The report's first screen in plain words, as Markdown bullets: the claims first, then what the results rest
    on, the published numbers, the series, the data and the robustness verdicts."""
    lines = claims_screen(claims) if claims is not None else []
    lines += rests_on(robustness, windows or {})
    if summary is not None:
        total = summary.set_index("table").loc["all"]
        compared = int(total["reproduced"] + total["differs"])
        lines.append(
            f"**Reproduction from public data.** Of the {int(total[['reproduced', 'differs', 'not_reproducible']].sum())} "
            f"published numbers, {compared} can be computed from public data: {int(total['reproduced'])} are reproduced "
            f"within the published rounding and {int(total['differs'])} differ. The other {int(total['not_reproducible'])} "
            "need data that no public source gave us."
        )
        per_table = ", ".join(
            f"{r.table}: {r.reproduced} reproduced, {r.differs} differ, {r.not_reproducible} not reproducible"
            for r in summary[summary["table"] != "all"].itertuples()
        )
        lines.append(f"By table — {per_table}.")
        if total.get("paper_identity_holds", 0) or total.get("paper_identity_fails", 0):
            lines.append(
                f"**The paper's own consistency** (not evidence of reproduction): {int(total['paper_identity_holds'])} "
                f"published numbers follow from the paper's other numbers, {int(total['paper_identity_fails'])} do not."
            )
    if diagnosis is not None:

        def listed(verdict, with_deviation=False):
            part = diagnosis[diagnosis["verdict"] == verdict]
            if with_deviation:
                return ", ".join(f"{r.indicator} ({r.deviation:+.1%})" for r in part.itertuples()) or "none"
            return ", ".join(part["indicator"]) or "none"

        lines.append(
            f"**Which of our series are the paper's** (Table 2's entropy test, one series at a time): "
            f"matching: {listed('matches')}; different: {listed('deviates', True)} (at least this far from the paper's); "
            f"no public series: {listed('missing')}."
        )
        missing = diagnosis[diagnosis["verdict"] == "missing"]
        lines.append(
            f"**Why the rest cannot be checked.** {len(missing)} of {len(diagnosis)} indicators have no public series "
            "(berths, the city's freight, transshipment, coal and ore, R&D, awards: `results/data/gaps.csv` says where "
            "each is published). Tables 4–6 need all of them; without C61 and C62, the paper's only cost indicators, "
            "COPRAS reduces to Q = S+."
        )
    counts = coverage["coverage"].value_counts()
    cap = settings["imputation"]["max_extrapolation"]
    lines.append(
        f"**Data.** Of the {len(coverage)} (entity, indicator, year) cells the studies need, {counts.get('sourced', 0)} are "
        f"sourced, {counts.get('interpolated', 0)} interpolated and {counts.get('extrapolated', 0)} extrapolated (never more "
        f"than {cap} years from an observation), {counts.get('bound_only', 0)} have only a bound or an approximation and "
        f"{counts.get('missing', 0)} are missing. {len(breaks)} level breaks (a series changing source or scope with a jump "
        f"above {settings['level_break_threshold']:.0%} a year) are listed under Data."
    )
    for study, table in robustness.items():
        verdicts = ", ".join(f"{n} {v}" for v, n in table["verdict"].value_counts().items())
        lines.append(f"**Robustness of `{study}`** ({len(table)} comparison(s)): {verdicts}.")
    return "\n".join(f"- {line}" for line in lines)


# How a number reached us when it did not come from its publisher's own page or print: third-party copies, whose
# authority label (data/README.md) is the original publisher's as the copy states it, not the copy's.
COPY_CHANNELS = {
    "github.com": "copy in a public code repository",
    "raw.githubusercontent.com": "copy in a public code repository",
    "gitee.com": "copy in a public code repository",
    "pastebin.com": "copy on a paste site",
    "trans.hiragana.jp": "copy through a translation proxy",
    "web.archive.org": "web archive copy",
}


def channel(url: str) -> str:
    """The channel a source's numbers came through: a kind of copy (COPY_CHANNELS, by the URL's host), or
    "publisher or press" for any other web page, or "printed or cited" without a URL."""
    host = (urlparse(url).hostname or "").removeprefix("www.") if url.startswith(("http://", "https://")) else ""
    return COPY_CHANNELS.get(host, "publisher or press") if host else "printed or cited"


def channel_sentence(table: pd.DataFrame) -> str:
    """How many raw values came through copies rather than from their publishers, from the sources table."""
    total = int(table["values"].sum())
    copies = table[table["channel"].isin(set(COPY_CHANNELS.values()))]
    if not len(copies) or not total:
        return f"All {total} raw values come from their publishers' pages, the press or printed tables (Sources)."
    by = copies.groupby("channel")["values"].sum().sort_values(ascending=False)
    parts = "; ".join(f"{kind}: {n}" for kind, n in by.items())
    n = int(by.sum())
    return (
        f"**Channels.** {n} of the {total} raw values ({n / total:.0%}) reached us through third-party copies, not "
        f"from their publishers ({parts}); their `authority` is that of the publisher the copy names (Sources, "
        "`channel`)."
    )


def sources_table(sources: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every source with its publisher, the channel its numbers came through, kind, authority (as the precedence
    rule judged it), link and how many of the raw values it supports."""
    notes = observations["note"].astype("string")  # an optional column: empty in every row is read as numbers
    obs = observations.assign(authority=notes.str.extract(_AUTHORITY, expand=False))
    per_source = obs.groupby("source_id").agg(values=("value", "size"), authority=("authority", "first"))
    table = sources.join(per_source, on="source_id")
    table["values"] = table["values"].fillna(0).astype(int)
    table["link"] = [
        f"[link]({quote(u, safe=':/?#@!$&*+,;=%~')})" if u.startswith(("http://", "https://")) else (u or r)
        for u, r in zip(table["url"], table["reference"], strict=True)
    ]  # a link only to a web page; anything else is shown as text
    table["title"] = table["title"].str.slice(0, 90)
    table["channel"] = [channel(u) for u in table["url"]]
    columns = ["source_id", "publisher", "channel", "kind", "authority", "values", "title", "link"]
    return table.sort_values(["values", "source_id"], ascending=[False, True])[columns].reset_index(drop=True)


def dominance_sentence(dominance: pd.DataFrame, window: str, most: int = 10) -> str:
    """Which alternatives dominate which (at least as good on every indicator, better on one), in words: the pairs
    themselves when there are at most ``most``, else how many, and the pairs where neither dominates when those are
    at most ``most`` (a list of 53 pairs was a paragraph nobody reads)."""
    pairs = dominance[dominance["dominates"]]
    names = sorted(set(dominance["a"]) | set(dominance["b"]))
    total = len(names) * (len(names) - 1) // 2
    ordered = {frozenset((r.a, r.b)) for r in pairs.itertuples()}
    free = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if frozenset((a, b)) not in ordered]
    if len(pairs) <= most:
        listed = ", ".join(f"{r.a} over {r.b}" for r in pairs.itertuples()) or "none"
        return f"Dominance in {window} (one alternative at least as good on every indicator, better on one): {listed}."
    text = (
        f"Dominance in {window}: in {len(pairs)} of the {total} pairs one alternative is at least as good on every "
        "indicator and better on one (dominance.csv lists them)"
    )
    if len(free) <= most:
        text += "; neither dominates in " + (", ".join(f"{a}–{b}" for a, b in free) or "no pair")
    return text + "."


def agreement_sentence(agreement: pd.DataFrame) -> str | None:
    """A sentence in place of the method-agreement figure when every pair of methods agrees fully (the figure is
    then a square of 1.00s); None when the figure shows something."""
    measures = agreement.select_dtypes("number")
    if len(measures) and bool((measures >= 1 - 1e-12).all().all()):
        methods = sorted(set(agreement["method_a"]) | set(agreement["method_b"]))
        return (
            f"Every method ranks the alternatives alike ({', '.join(methods)}): "
            f"{', '.join(measures.columns)} similarity 1.00 for every pair (method_agreement.csv); no figure."
        )
    return None


def rank_change_sentence(data: pd.DataFrame) -> str | None:
    """A sentence in place of the data-uncertainty figure when no rank changes in any draw (the figure is then
    a flat line at 0); None when the figure shows something."""
    if len(data) and float(data["p_rank_changed"].max()) == 0:
        methods = ", ".join(sorted(data["imputation"].unique()))
        return f"No alternative's rank changes in any draw, with any imputation method ({methods}); no figure."
    return None

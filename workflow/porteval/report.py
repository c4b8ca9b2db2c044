"""What the report says in words: the first screen, and the table of sources. Everything comes from this run's
files, handed over by the report rule."""

from __future__ import annotations

import base64
import contextlib
import html
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urlparse

import pandas as pd

from .catalogue import study_label, study_window
from .io import atomic_write_text
from .papers import PAPERS, TABLES, short_id
from .provenance import NOT_A_CHECKOUT

_AUTHORITY = re.compile(r"authority=(\w+)")
_TAG = re.compile(r"[<>]")
_LINK = re.compile(r"\]\((?!https?://|#)")  # a Markdown link to anything but a web page or a heading of the report
# An address in angle brackets (Markdown's autolink, <https://…>): once the brackets are escaped, the address would
# still be linked, with the escaped ">" taken into it; it stays text.
_ANGLED_URL = re.compile(r"(?<=&lt;)(https?|ftp)://")


def safe_markdown(text: str) -> str:
    """Markdown that shows data and config text as text: every ``<`` and ``>`` escaped, so that no tag and no
    event handler of a source title, a study description or a port name survives, and every link that does not go
    to an http(s) page or a heading of the report made plain text (``javascript:`` links included). The report's
    own Markdown uses no HTML, so it is applied to everything the report says. An address in angle brackets
    (``<https://…>``) stays text."""
    text = _TAG.sub(lambda m: "&lt;" if m.group() == "<" else "&gt;", text)
    return _ANGLED_URL.sub(r"\1:\\/\\/", _LINK.sub(r"\\](", text))


ANALYSIS_COLUMNS = {  # claims.csv: the share of draws or cases in which a claim holds, by analysis
    "p_uniform_weights": "uniform weights",
    "p_dirichlet_weights": "Dirichlet weights",
    "p_data": "data",
    "p_level_breaks": "level breaks",
    "p_level_breaks_the_paper_contradicts": "level breaks the paper contradicts",
    "p_leave_one_indicator_out": "an indicator left out",
    "p_leave_one_alternative_out": "an alternative left out",
    "p_multiverse": "the multiverse",
}


STALE_MARK = '<div class="stale-run"'


def mark_stale(path, log) -> bool:
    """Mark an earlier run's report after a failed run: Snakemake deletes the failed job's outputs but keeps the
    older files that were made from them, so the report may describe results that are no longer all there. A banner
    at the top says so until a run succeeds (the report is then made anew). ``log``: the run's log file, or the list
    of them that Snakemake's ``onerror`` hands over, named in words. Returns whether it marked the file."""
    path = Path(path)
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    body = re.search(r"<body[^>]*>", text)
    if STALE_MARK in text or not body:
        return False
    logs = [str(log)] if isinstance(log, (str, Path)) else [str(p) for p in log]
    said = f" (its log: {html.escape(' and '.join(logs))})" if logs else ""
    banner = (
        f'{STALE_MARK} style="border:3px solid #b00;padding:1em;margin:1em;font-weight:bold">'
        f"Stale: the latest run failed{said}. This report comes from an earlier run; some files it "
        "describes may have been removed or remade since. Fix the error and run snakemake again.</div>"
    )
    atomic_write_text(path, text[: body.end()] + banner + text[body.end() :])  # recorded: not taken for damage
    return True


# Snakemake deletes a job's outputs when the job starts, and again when it fails or is interrupted: the report job
# would leave results/report/ empty. The last report is kept as hard links (no copy: a replaced or deleted output
# leaves the link's content as it was) and put back, marked stale, after a failed run.
REPORT_FOLDER, LAST_REPORT = Path("results/report"), Path(".snakemake/porteval-last-report")


def keep_last_report(folder: Path = REPORT_FOLDER, keep: Path = LAST_REPORT) -> None:
    """Keep the report's files as they are when a run starts (hard links under ``keep``); on a full or read-only
    .snakemake/ the run goes on without them."""
    if not folder.is_dir():
        return
    with contextlib.suppress(OSError):
        keep.mkdir(parents=True, exist_ok=True)
        for path in folder.iterdir():
            if path.is_file() and not path.is_symlink():
                _link_or_copy(path, keep / path.name)


def restore_last_report(folder: Path = REPORT_FOLDER, keep: Path = LAST_REPORT) -> list[str]:
    """Put back each kept report file that a failed or interrupted run left missing; returns those put back."""
    restored = []
    for kept in sorted(keep.iterdir()) if keep.is_dir() else []:
        path = folder / kept.name
        if not os.path.lexists(path):
            folder.mkdir(parents=True, exist_ok=True)
            _link_or_copy(kept, path)
            restored.append(str(path))
    return restored


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (a copy, with its time, where the file system has no hard links)."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _where(section: str) -> str:
    return f"§{section}" if section[0].isdigit() else section


def claims_by(claims: pd.DataFrame) -> dict[str, str]:
    """Who states the claims, where, and the paper's table of published weights, in words, from the registry:
    {"citation": "Zeng et al. (2022)", "sections": "abstract, §5, Table 5", "weights": "Table 2"} ("weights" empty
    where no paper of the claims prints weights)."""
    papers = list(dict.fromkeys(claims["paper"]))
    sections = list(dict.fromkeys(str(s) for s in claims["section"]))
    words = [s.lower() for s in sections if s.lower() == "abstract"]
    words += list(dict.fromkeys(f"§{s.split('.')[0]}" for s in sections if s[0].isdigit()))
    words += [s for s in sections if not s[0].isdigit() and s.lower() != "abstract"]
    weights = [TABLES[PAPERS[p]["weights"]]["label"] for p in papers if PAPERS[p].get("weights")]
    return {
        "citation": " and ".join(dict.fromkeys(PAPERS[p]["citation"] for p in papers)),
        "sections": ", ".join(words),
        "weights": " and ".join(dict.fromkeys(weights)),
    }


def _quoted(rows: pd.DataFrame) -> str:
    return "; ".join(f"“{r.reading}” ({_where(r.section)})" for r in rows.itertuples())


def _share(p, low=None, high=None) -> str:
    if low is None or pd.isna(low) or low == high:
        return f"{p:.0%}"
    return f"{p:.1%} ({low:.1%}–{high:.1%})"


_VERB = {"supported": "support", "contradicted": "contradict"}  # "the paper's tables restricted ... contradict it"


def _counted(n: int, noun: str) -> str:
    """ "1 reading", "24 readings"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _of_weight(share, words=" of their weight") -> str:
    """ ", 9% of their weight", or nothing for a paper that prints no weights (a NaN share)."""
    return f", {share:.0%}{words}" if pd.notna(share) else ""


def claim_sentence(r) -> str:
    """One claim that holds, or is reversed, in words: our answer, how much of the claim's index our test covers,
    its robustness verdict with its weakest analysis, its most critical input and the multiverse; every number from
    the row."""
    parts = [
        f"“{r.reading}” ({_where(r.section)}) {r.ours} on our data ({r.indicators_used} of its {r.indicators_wanted} "
        f"indicators{_of_weight(r.weight_covered)}): {r.decision}"
    ]
    if isinstance(r.weakest_analysis, str) and r.weakest_analysis:
        col = "p_" + r.weakest_analysis.replace(" ", "_").lower()
        p, low, high = getattr(r, col), getattr(r, f"{col}_low", None), getattr(r, f"{col}_high", None)
        kept = r.ours == "holds"
        shown = (
            _share(p, low, high)
            if kept
            else _share(1 - p, None if pd.isna(high) else 1 - high, None if pd.isna(low) else 1 - low)
        )
        parts.append(f"{r.robustness}, {'holding' if kept else 'failing'} in {shown} of {r.weakest_analysis}")
    if isinstance(getattr(r, "critical_cell", None), str) and r.critical_cell:
        parts.append(f"critical input {r.critical_cell} ({r.critical_change:+.1%} flips it)")
    if getattr(r, "n_multiverse", 0):
        decided = f", turning on {r.multiverse_decided_by}" if r.multiverse_decided_by not in ("", "no choice") else ""
        parts.append(f"holds in {r.p_multiverse:.0%} of {r.n_multiverse} specifications{decided}")
    return "; ".join(parts) + "."


def multiverse_sentence(outcomes: pd.DataFrame, window: str) -> str:
    """What the multiverse does to a study's whole-window ranking, from its outcomes
    (:func:`porteval.multiverse.ranking_outcomes`): how many specifications are defined, in how many the paper's
    leader is first, and how far their rankings go from the paper's specification's."""
    defined = outcomes.dropna(subset=["spearman"])
    first = int(defined["leader_first"].astype(bool).sum())
    same = int((defined["spearman"] >= 1 - 1e-12).sum())
    text = (
        f"The multiverse in {window}: of {len(outcomes)} specifications (every imputation, normalisation, weighting and "
        f"method), {len(defined)} are defined; the paper's specification's leader is first in {first} of them, and "
        f"{same} give its whole ranking"
    )
    if same == len(defined):
        return text + ": no choice changes the ranking."
    worst = defined.loc[defined["spearman"].idxmin()]
    return (
        text + f"; the furthest, {worst['method']} with {worst['weighting']} weights, {worst['normalisation']} normalisation "
        f"and {worst['imputation']} imputation, has Spearman's rho {worst['spearman']:.2f} with it (the specification "
        "curve below)."
    )


def claims_alt_text(claims: pd.DataFrame) -> str:
    """The alternative text of the claims' evidence figure, from the table it draws."""
    tested = claims[claims["ours"].isin(["holds", "fails"])]
    return (
        f"The {len(claims)} readings of the paper's claims against five kinds of evidence: the paper's tables support "
        f"{int((claims['paper_tables'] == 'supported').sum())}; our data test {len(tested)}, of which "
        f"{int((tested['ours'] == 'holds').sum())} hold"
    )


def claims_screen(claims: pd.DataFrame) -> list[str]:
    """The papers' claims in words, each count and probability taken from ``claims`` (claims.csv): the paper's own
    answers, how our answers compare like for like (``decision``), then one sentence per claim that holds on our
    data or is reversed on the same indicators. Only "reversed on the same indicators" is called a reversal."""
    lines = []
    paper = claims["paper_tables"].value_counts()
    contradicted = claims[claims["paper_tables"] == "contradicted"]
    undecided = claims[claims["paper_tables"] == "undecided by rounding"]
    base = claims["claim"].nunique() if "claim" in claims else len(claims)
    by = claims_by(claims)
    lines.append(
        f"**The paper's claims.** We test {_counted(len(claims), 'reading')} of {_counted(base, 'conclusion')} that "
        f"{by['citation']} state "
        f"({by['sections']}). The paper's own tables support {paper.get('supported', 0)} of them at every rounding of the "
        "printed numbers"
        + (f" and contradict {len(contradicted)}: {_quoted(contradicted)}" if len(contradicted) else "")
        + (f"; {len(undecided)} depend on the rounding: {_quoted(undecided)}" if len(undecided) else "")
        + "."
    )
    dependent = claims[claims.get("reading_dependent", pd.Series(False, index=claims.index)).astype(bool)]
    for _, part in dependent.groupby("claim", sort=False):
        answers = "; ".join(f"“{r.reading}”: the paper's tables {r.paper_tables}, our data {r.ours}" for r in part.itertuples())
        lines.append(f"**Depends on its reading** ({_where(part['section'].iloc[0])}, “{part['wording'].iloc[0]}”): {answers}.")
    tested = claims[claims["ours"].isin(["holds", "fails"])]
    decisions = tested["decision"].value_counts()
    if len(tested):
        used = tested["indicators_used"]
        lines.append(
            f"**Like for like.** Our public data can test {len(tested)} of them: {int((tested['ours'] == 'holds').sum())} "
            f"hold and {int((tested['ours'] == 'fails').sum())} fail, each with {used.min()}–{used.max()} of the indicators "
            f"it rests on"
            + (
                f" ({tested['weight_covered'].min():.0%}–{tested['weight_covered'].max():.0%} of their weight in {by['weights']})"
                if tested["weight_covered"].notna().any()
                else ""
            )
            + ". Compared with the paper's own tables restricted to the indicators each test uses: "
            + ", ".join(f"{n} {d}" for d, n in decisions.items())
            + f". The other {len(claims) - len(tested)} need indicators no public source gave us (the claims table names "
            "them)."
        )
    told = tested[(tested["ours"] == "holds") | (tested["decision"] == "reversed on the same indicators")]
    lines += [claim_sentence(r) for r in told.itertuples()]
    for r in tested[(tested["decision"] == "explained by missing indicators") & (tested["ours"] != "holds")].itertuples():
        lines.append(
            f"“{r.reading}” ({_where(r.section)}) {r.ours} on our data ({r.indicators_used} of its {r.indicators_wanted} "
            f"indicators{_of_weight(r.weight_covered)}), and the paper's own tables restricted to the same "
            f"indicators {_VERB.get(r.paper_restricted, r.paper_restricted)} it too: explained by missing indicators "
            f"({r.missing_indicators})."
        )
    part = tested[(tested["decision"] == "differs on part of the index") & (tested["ours"] != "holds")]
    if len(part):
        lines.append(
            "**Differs on part of the index** (the paper's tables give no breakdown, so no like-for-like comparison): "
            + "; ".join(
                f"“{r.reading}” ({_where(r.section)}{_of_weight(r.weight_covered, ' of the weight')})" for r in part.itertuples()
            )
            + " fail on our data, which test a different index from the paper's."
        )
    return lines


def heaviest_origin(imputed: pd.DataFrame, indicator: str, sources: pd.DataFrame, diagnosis: pd.DataFrame | None) -> str:
    """Where a study's heaviest indicator comes from, in words: how many sources its observed cells come from and
    through which channel (:func:`channel`, from ``sources``: data/sources.csv), and how far its series is from the
    paper's by the entropy test against the paper's published weights (``diagnosis``: series_diagnosis.csv, where it
    has the indicator)."""
    observed = imputed[(imputed["indicator"] == indicator) & (imputed["status"] == "observed")]
    ids = sorted(set(observed["source_id"].astype(str)))
    urls = sources.set_index("source_id")["url"].reindex(ids)
    channels = pd.Series([channel(u) if isinstance(u, str) else "unlisted" for u in urls], index=ids, dtype=object)
    counted = "; ".join(f"{n} {c}" for c, n in channels.value_counts().sort_index().items())
    out = f"its observed values come from {len(ids)} source{'s' if len(ids) != 1 else ''} ({counted})"
    if diagnosis is not None:
        row = diagnosis[diagnosis["indicator"] == indicator]
        if len(row) and pd.notna(row["deviation"].iloc[0]):
            r = row.iloc[0]
            out += (
                f", and the entropy test against the paper's weights finds its series {r['verdict']} "
                f"({r['deviation']:+.0%} from the paper's)"
            )
    return out


def rests_on(robustness: dict[str, pd.DataFrame], studies: dict[str, dict], origins: dict[str, str] | None = None) -> list[str]:
    """What each study's whole-window ranking rests on: its heaviest indicator and the effective number of
    indicators, from the robustness summaries, and where that indicator comes from (``origins``, by study:
    :func:`heaviest_origin`)."""
    lines = []
    for name, table in robustness.items():
        study = studies[name]
        row = table[table["comparison"] == study_window(study)]
        if not len(row) or "effective_indicators" not in row:
            continue
        r = row.iloc[0]
        without = r.get("best_without_heaviest")
        origin = (origins or {}).get(name)
        lines.append(
            f"**What the ranking of {study_label(study)} rests on:** {r['heaviest_indicator']} carries "
            f"{r['heaviest_weight']:.0%} of the weight ({r['effective_indicators']:.1f} effective indicators)"
            + (f"; {origin}" if origin else "")
            + (f"; without it the first is {without}" if isinstance(without, str) and without else "")
            + f"; its leader is {r['verdict_first']} and its order {r['verdict_order']}."
        )
    return lines


def first_screen(
    summary: pd.DataFrame | None,
    paper_lines: list[str] | None,
    coverage: pd.DataFrame,
    breaks: pd.DataFrame,
    robustness: dict[str, pd.DataFrame],
    settings: dict,
    claims: pd.DataFrame | None = None,
    studies: dict[str, dict] | None = None,
    origins: dict[str, str] | None = None,
) -> str:
    """The report's first screen in plain words, as Markdown bullets: the claims first, then what the results rest
    on, the published numbers, what the papers' plug-ins say at a glance (``paper_lines``: e.g. which series are the
    paper's), the data and the robustness verdicts."""
    lines = claims_screen(claims) if claims is not None else []
    studies = studies or {}
    lines += rests_on(robustness, studies, origins)
    if summary is not None:
        total = summary.set_index("table").loc["all"]
        compared = int(total["reproduced"] + total["differs"])
        lines.append(
            f"**Reproduction from public data.** Of the {int(total[['reproduced', 'differs', 'not_reproducible']].sum())} "
            f"published numbers, {compared} can be computed from public data: {int(total['reproduced'])} are reproduced "
            f"within the published rounding and {int(total['differs'])} differ. The other {int(total['not_reproducible'])} "
            "need data that no public source gave us."
        )
        labels = table_labels()
        per_table = "; ".join(
            f"{labels.get(r.table, r.table)}: {r.reproduced} reproduced, {r.differs} differ, {r.not_reproducible} not "
            "reproducible"
            for r in summary[summary["table"] != "all"].itertuples()
        )
        lines.append(f"By table: {per_table}.")
        if total.get("paper_identity_holds", 0) or total.get("paper_identity_fails", 0):
            lines.append(
                f"**The paper's own consistency** (not evidence of reproduction): {int(total['paper_identity_holds'])} "
                f"published numbers follow from the paper's other numbers, {int(total['paper_identity_fails'])} do not."
            )
    lines += paper_lines or []
    counts = coverage["coverage"].value_counts()
    cap = settings["imputation"]["max_extrapolation"]
    lines.append(
        f"**Data.** Of the {len(coverage)} (entity, indicator, year) cells the studies need, {counts.get('sourced', 0)} are "
        f"sourced, {counts.get('interpolated', 0)} interpolated and {counts.get('extrapolated', 0)} extrapolated (never more "
        f"than {cap} years from an observation), {counts.get('bound_only', 0)} have only a bound or an approximation and "
        f"{counts.get('missing', 0)} are missing. {len(breaks)} level breaks (a series changing source or scope with a jump "
        f"above {settings['level_break_threshold']:.0%} a year) are listed under Data."
    )
    for name, table in robustness.items():
        first = ", ".join(f"{n} {v}" for v, n in table["verdict_first"].value_counts().items())
        order = ", ".join(f"{n} {v}" for v, n in table["verdict_order"].value_counts().items())
        label = study_label(studies[name]) if name in studies else name
        lines.append(
            f"**Robustness of {label}** ({len(table)} comparison{'s' if len(table) != 1 else ''}): the leader is {first}; "
            f"the whole order is {order}."
        )
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
        return _no_copy_sentence(table, total)
    by = copies.groupby("channel")["values"].sum().sort_values(ascending=False)
    parts = "; ".join(f"{kind}: {n}" for kind, n in by.items())
    n = int(by.sum())
    return (
        f"**Channels.** {n} of the {total} raw values ({n / total:.0%}) reached us through third-party copies, not "
        f"from their publishers ({parts}); their `authority` is that of the publisher the copy names (Sources, "
        "`channel`)."
    )


_CHANNEL_WORDS = {
    "publisher or press": "on a web page that is no known copy",
    "printed or cited": "printed or cited, without a URL",
}


def _no_copy_sentence(table: pd.DataFrame, total: int, most: int = 3) -> str:
    """Where the raw values come from when none came through a copy: how many sources support them, how many
    values each channel gives (read from the URL, not from what the source is), and the sources themselves, with
    their titles, when they are at most ``most`` (the own-study example's one source is SYNTHETIC, and says so)."""
    used = table[table["values"] > 0]
    by = used.groupby("channel", sort=False)["values"].sum()
    parts = "; ".join(f"{n} {_CHANNEL_WORDS.get(kind, kind)}" for kind, n in by.items())
    named = ": " + "; ".join(f"{r.source}, {r.title}" for r in used.itertuples()) if 0 < len(used) <= most else ""
    return (
        f"**Channels.** The {total} raw values come from {len(used)} source{'s' if len(used) != 1 else ''}, none through "
        f"a third-party copy (by URL: {parts or 'none'}){named} (Sources)."
    )


def shortened(text: str, most: int = 80) -> str:
    """At most ``most`` characters, cut at a word boundary when there is one in the second half (Chinese has
    none: it is cut at ``most``), with "…" where text was cut."""
    if len(text) <= most:
        return text
    cut = text[:most]
    space = cut.rfind(" ")
    return (cut[:space] if space > most // 2 else cut).rstrip(" ,;:(") + "…"


def _linked(title: str, url: str, reference: str) -> str:
    """A source's title as a Markdown link to its page, or with its printed reference when it has no web page;
    brackets escaped so that a title cannot end the link."""
    text = shortened(title).replace("[", "\\[").replace("]", "\\]")
    if url.startswith(("http://", "https://")):
        return f"[{text}]({quote(url, safe=':/?#@!$&*+,;=%~')})"
    return f"{text} ({shortened(reference or url, 60)})" if reference or url else text


def sources_table(sources: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Every source by its id (and its publisher where that is not the site the id names), the channel its numbers
    came through, kind, authority (as the precedence rule judged it), how many of the raw values it supports, and
    its title linked to its page."""
    notes = observations["note"].astype("string")  # an optional column: empty in every row is read as numbers
    obs = observations.assign(authority=notes.str.extract(_AUTHORITY, expand=False))
    per_source = obs.groupby("source_id").agg(values=("value", "size"), authority=("authority", "first"))
    table = sources.join(per_source, on="source_id")
    table["values"] = table["values"].fillna(0).astype(int)
    table["title"] = [_linked(t, u, r) for t, u, r in zip(table["title"], table["url"], table["reference"], strict=True)]
    table["channel"] = [channel(u) for u in table["url"]]
    # The publisher is most often the site the id is named after: said only where it is not (a column of repeated
    # host names took a third of the table's width).
    table["source"] = [
        i if p == i.split("#")[0] else f"{i} ({p})" for i, p in zip(table["source_id"], table["publisher"], strict=True)
    ]
    columns = ["source", "channel", "kind", "authority", "values", "title"]
    return table.sort_values(["values", "source_id"], ascending=[False, True])[columns].reset_index(drop=True)


# How the report names the columns of the tables it shows: the CSV files keep their ids (`utility_pct`), a reader
# sees words ("utility (%)"). A name not listed here is shown by column_label's general rule.
COLUMN_LABELS = {
    "q": "Q",
    "benefit": "S+",
    "cost": "S−",
    "published_q": "published Q",
    "published_benefit": "published S+",
    "published_cost": "published S−",
    "imputed_score_share": "score share from filled cells",
    "weight_on_paper_scale": "weight on the paper's scale",
    "p_paper_tables": "P(holds), paper's tables",
    "paper_tables": "paper's tables",
    "ours": "our data",
    "paper_numbers": "the paper's numbers",
    "ours_numbers": "our numbers",
    "ours_note": "what it needs",
    "p_match_unrelated": "P(an unrelated series matches)",
    "p_rank_changed": "P(rank changes)",
    "rank_reversals": "rank reversals",
    "effective_indicators": "effective indicators",
    "heaviest_indicator": "heaviest indicator",
    "best_without_heaviest": "first without it",
    "not_reproducible": "not reproducible",
    "paper_identity_holds": "paper identity holds",
    "paper_identity_fails": "paper identity fails",
    "year_before": "from",
    "year": "year",
    "source_id": "source",
}
_UNITS = (("_pct", " (%)"), ("_10k_tons", " (10k t)"), ("_10k_teu", " (10k TEU)"))


def column_label(name: str) -> str:
    """The words a reader sees for a column: COLUMN_LABELS, else the id with its unit in brackets ("_pct" is
    "(%)"), a ``p_best_first_`` share as "best first: …", another ``p_`` share as "P(…)", and spaces for
    underscores. Names that are not ids (a year, a port code) are left alone."""
    name = str(name)
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    unit = ""
    for suffix, words in _UNITS:
        if name.endswith(suffix):
            name, unit = name.removesuffix(suffix), words
    if name.startswith("p_best_first_"):
        name = "best first: " + name.removeprefix("p_best_first_")
    elif name.startswith("p_"):
        name = f"P({name.removeprefix('p_')})"
    return name.replace("_", " ") + unit


# The published tables of the registry by the short id the scorecard and the audit use (table2, zhang_table2), each
# with its paper's citation.
REGISTRY_TABLES = {
    short_id(key): {**table, "citation": paper["citation"]}
    for paper in PAPERS.values()
    for key, table in paper.get("tables", {}).items()
}


def table_names() -> dict[str, str]:
    """Each published table by its short id, as a reader cites it: "Zeng et al. (2022) Table 2"."""
    return {short: f"{t['citation']} {t['label']}" for short, t in REGISTRY_TABLES.items()}


def table_labels() -> dict[str, str]:
    """Each published table by its short id, cited with what it shows: "Zeng et al. (2022) Table 2, indicator
    weights"."""
    return {short: f"{name}, {REGISTRY_TABLES[short]['title']}" for short, name in table_names().items()}


# A figure wider than this (10 inches at the 200 dpi figures.STYLE saves with: most are 7) was drawn for the page's
# width, and may take it in print, as may a figure higher than wide: halved like the others, the coverage map of
# every entity and indicator could not be read.
WIDE_PX = 2000


def figure_html(figures: list[tuple[str, str]]) -> str:
    """Figures (PNG path, alternative text) as HTML: one, or two side by side (class "pair"), each embedded as a
    data: URL with its alternative text escaped (it may hold port names from the config). A single figure is at
    most half a page high in print (class "half"), or a page (class "tall") when it is higher than wide or wider
    than WIDE_PX (the size read from the PNG header)."""
    shown = []
    for path, alt in figures:
        data = Path(path).read_bytes()
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        size = "pair" if len(figures) > 1 else "tall" if height > width or width > WIDE_PX else "half"
        url = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        shown.append(f'<img class="{size}" alt="{html.escape(alt, quote=True)}" src="{url}">')
    return f'<div class="figures">{"".join(shown)}</div>'


def differs_view(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's rows that differ, for reading: each table by its name, and utility degrees in percent
    whatever scale the paper printed them in (``fractions`` in papers.yaml), with six significant digits so that
    no shown value seems to lie inside the shown interval it is outside of."""
    names = table_names()
    fractions = {short for short, table in REGISTRY_TABLES.items() if table.get("fractions")}
    rows = card[card["status"] == "differs"]
    scale = rows["table"].isin(fractions).map({True: 100.0, False: 1.0})
    numbers = ["published", "reproduced", "allowed_low", "allowed_high"]
    out = rows.assign(**{c: (rows[c] * scale).map(lambda v: f"{v:.6g}") for c in numbers})
    out = out.assign(
        unit=scale.map({100.0: "utility (%)", 1.0: "as printed"}),
        table=rows["table"].map(lambda t: names.get(t, t)),
        column=rows["column"].map(column_label),
    )
    return out[["table", "row", "column", "unit", *numbers, "decision", "note"]]


def uncertainty_table(data: pd.DataFrame) -> pd.DataFrame:
    """The data-uncertainty results with one row per alternative (in the order of its baseline rank) and, for each
    imputation method, the probability that its rank changes and the range of its ranks: the long table had a row
    per alternative and method."""
    rows = data.sort_values(["baseline_rank", "alternative"], kind="stable")
    out = rows.drop_duplicates("alternative")[["alternative", "baseline_rank"]].set_index("alternative")
    for method, part in rows.groupby("imputation", sort=True):
        part = part.set_index("alternative")
        out[f"P(rank changes), {method}"] = part["p_rank_changed"]
        out[f"ranks, {method}"] = [
            f"{lo}–{hi}" if lo != hi else f"{lo}" for lo, hi in zip(part["rank_min"], part["rank_max"], strict=True)
        ]
    return out.rename(columns={"baseline_rank": "rank"}).reset_index()


def dropped_table(dropped: pd.DataFrame) -> pd.DataFrame:
    """The indicators a study leaves out, one row per indicator and reason with the entities it concerns: the long
    table had a row per indicator and entity, mostly the same reason for every port."""
    grouped = dropped.groupby(["indicator", "reason"], sort=True)["entity"].agg(lambda e: ", ".join(sorted(e)))
    return grouped.reset_index()[["indicator", "entity", "reason"]]


def breaks_sentence(breaks: pd.DataFrame, window: str) -> str:
    """A study's level breaks in one sentence (the Data section has them in full)."""
    if not len(breaks):
        return f"No level break inside {window}."
    listed = "; ".join(f"{r.entity} {r.indicator} {r.year_before}→{r.year} ({r.change:+.0%})" for r in breaks.itertuples())
    return f"**{len(breaks)} level break(s)** inside {window} (in full under Data and in the study's log): {listed}."


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


def acceptability_sentence(acceptability: pd.DataFrame) -> str | None:
    """A sentence in place of the rank-acceptability figure when every alternative takes one rank in every draw of
    every sampling (the figure is then one colour per bar); None when the figure shows something."""
    top = acceptability.groupby(["sampling", "alternative"])["probability"].max()
    if not len(top) or float(top.min()) < 1:
        return None
    held = acceptability[acceptability["probability"] >= 1].drop_duplicates("alternative").sort_values("rank")
    order = ", ".join(f"{r.alternative} {r.rank}" for r in held.itertuples())
    samplings = " and ".join(ANALYSIS_COLUMNS[f"p_{s}_weights"] for s in sorted(acceptability["sampling"].unique()))
    return f"Under weight uncertainty every alternative keeps one rank in every draw ({samplings}): {order}; no figure."


def years_sentence(summary: pd.DataFrame, window: str) -> str | None:
    """A sentence in place of the figure of each year's probability of ranking first when each year's best is
    first in every draw around that year's weights (the figure is then 1.00 and 0.00 only); None otherwise."""
    years = summary[summary["comparison"] != window]
    column = "p_best_first_dirichlet_weights"
    if not len(years) or column not in years or bool((years[column] < 1).any()):
        return None
    bests = years.groupby("best", sort=False)["comparison"].agg(lambda y: ", ".join(map(str, y)))
    listed = "; ".join(f"{best} in {years_}" for best, years_ in bests.items())
    return f"Each year's first ranks first in every draw around that year's weights: {listed}; no figure."


def rank_change_sentence(data: pd.DataFrame) -> str | None:
    """A sentence in place of the data-uncertainty figure when no rank changes in any draw (the figure is then
    a flat line at 0); None when the figure shows something."""
    if len(data) and float(data["p_rank_changed"].max()) == 0:
        methods = ", ".join(sorted(data["imputation"].unique()))
        return f"No alternative's rank changes in any draw, with any imputation method ({methods}); no figure."
    return None


def made_from_sentence(run: dict) -> str:
    """What the run was made from, as the report's first lines say it: the commit and whether the tree was clean, or
    that there was no checkout to name (and so no tree to call clean); Python's and the main packages' versions."""
    if run["git_commit"] == NOT_A_CHECKOUT:
        made = "Made outside a git checkout (no commit to name)"
    else:
        changed = run["git_modified_files"]
        # as code: a path is text, and `__init__.py` unquoted is Markdown's bold
        listed = ", ".join(f"`{path}`" for path in changed)
        state = f" as modified in {len(changed)} tracked file(s): {listed}" if changed else " (a clean tree)"
        made = f"Made from git commit `{run['git_commit']}`{state}"
    versions = run["packages"]
    return (
        f"{made}, with Python {run['python']}, snakemake {versions['snakemake']}, pandas {versions['pandas']}, numpy "
        f"{versions['numpy']}. Every input file and every result, this report included, with its SHA-256, the "
        "settings this run used and each job with its inputs and outputs are in `results/ro-crate-metadata.json` (a "
        "Workflow Run RO-Crate), written after this report, with each study's settings (the studies are listed at the top)."
    )


def heaviest_lost(dropped: pd.DataFrame, label: str, names) -> str | None:
    """A sentence for the first screen when a study left out an indicator that would have been its heaviest
    (``heaviest_if_kept`` in its dropped.csv): which, why, and what it would have weighed where it can be filled;
    None when it left out no such indicator. ``names``: porteval.names.Names, for the indicator's name."""
    if "heaviest_if_kept" not in dropped:
        return None
    lost = dropped[dropped["heaviest_if_kept"].astype("boolean").fillna(False).astype(bool)]
    if not len(lost):
        return None
    parts = [
        f"{names.indicator(r.indicator)} is left out ({r.entity}: {r.reason}); over {r.weighed_over}, the years it can "
        f"be filled, it would carry {r.weight_if_kept:.0%} of the weight"
        for r in lost.itertuples()
    ]
    return f"**The ranking of {label} leaves out its heaviest indicator.** " + "; ".join(parts) + "."

"""Building ``data/raw`` from the research dossier by a written precedence rule (data/README.md).

The dossier (``data/dossier/``, the research dossier as delivered) holds every value found, with
alternatives, bounds and caveats in free-text notes. This module classifies each dossier row from
its recorded caveats and keeps one value per (entity, indicator, year):

1. Rows that measure something else are excluded (another fiscal measure, a year outside 2010-2024
   kept for reference).
2. Qualifier: exact (as published, unit conversions included) > derived (arithmetic on published
   numbers) > approximate > lower_bound > suspect (wrong scope or doubtful year). Only exact and
   derived values enter the analysis by default; the others are kept, marked, where nothing better exists.
3. Series: where one source of official or operator authority gives a series at least three of its years,
   its usable values come first, so that the series keeps one source and vintage wherever that source has it
   (the source with most years of the series; an NBS export over a patchwork of yearly bulletins).
4. Vintage: first-published over revised.
5. Authority of the figure's origin: official statistics > port operator > published compilation
   (WSC, Lloyd's, Zhang's table) > press > low-authority pages.
6. Precision: more significant digits first. Then the dossier order.

Nothing here computes a value: every kept value is a dossier value, as recorded.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from .catalogue import USABLE_QUALIFIERS, entity_slug
from .inputs import InputError, read_csv
from .io import write_csv
from .validate import RAW_COLUMNS

QUALIFIER_ORDER = {"exact": 0, "derived": 1, "approximate": 2, "lower_bound": 3, "suspect": 4}
SERIES_AUTHORITIES = ("official", "operator")
SERIES_MIN_YEARS = 3  # a source with fewer years of a series is a patch, not a series
AUTHORITY = ("official", "operator", "compilation", "press", "low_authority")
YEAR_RANGE = (2010, 2024)

# The dossier writes its caveat markers in capitals (COMPANY SCOPE, YEAR SUSPECT, ...): match them as written,
# so that a note mentioning e.g. "Dalian Port Group" for contrast does not mark an MOT figure.
_SUSPECT = re.compile(
    r"INDICATIVE ONLY|YEAR SUSPECT|COMPANY SCOPE|PORT AREA ONLY|NOT COMPARABLE|OUT OF (REQUESTED )?RANGE|"
    r"LOW PRECISION|probably mislabelled|Company: |Port GROUP|operator figure|UNDATED|not MOT|CONFLICTS|"
    r"port-operator report|narrower scope|type .{0,40}not (fully )?stated|rail freight dispatched|treat as suspect|SUSPECT:"
)
_APPROXIMATE = re.compile(r"APPROXIMATE|'约|'近|'620多'")
_BOUND = re.compile(
    r"lower bound|PARTIAL YEAR|'超|'oltre'|superiore|more than|'exceed|surpassed|'over'|'超過'|突破|exceeded|superato",
    re.IGNORECASE,
)
_ARITHMETIC = re.compile(r"/ \(1[+-]|/ 1\.\d|x 1\.\d|\+ \d|\d - \d|×\s*\d+(\.\d+)?%|/\s*\(1")
_OTHER_MEASURE = re.compile(r"measure=财政总收入|财政总收入 / 辖区|辖区公共财政收入")
_REVISED = re.compile(
    r"REVISED|revised vintage|宁波统计年鉴2020|yearbook \(verified\)|HKTDC, revised|current NBS vintage", re.IGNORECASE
)
_OFFICIAL = re.compile(
    r"MOT\b|Ministry of Transport|交通运输部|交通部|统计|bulletin|communiq|yearbook|年鉴|港航管理|Transport Commission|"
    r"交委|交通运输委员会|交通委员会|Statistics|finance bureau|finance authorities|government work report|preliminary accounting|"
    r"credit-rating|rating report|first release|gov\.cn",
    re.IGNORECASE,
)
_OPERATOR = re.compile(r"港口集团|Port Group|SIPG|港口集团|operator|Port Co\.|宁波舟山港集团", re.IGNORECASE)
_COMPILATION = re.compile(r"World Shipping Council|WSC|Lloyd's|AAPA|Zhang", re.IGNORECASE)
_LOW = re.compile(r"low-authority|aggregator|encyclopedia|blog|Secondary/tertiary|student thesis", re.IGNORECASE)
# What a note says of other rows or measures is not a caveat of this row: "recorded under 2018 with a YEAR SUSPECT
# flag" (city_nbs_exports.csv cites the other files' flags to confirm or correct them), "NOT 财政总收入".
_FLAG_MENTION = re.compile(r"with an? [A-Z ]+ flag")
_NEGATED_MEASURE = re.compile(r"\b(?:not|NOT)\s+\S+")


def classify(row: pd.Series) -> dict:
    """Qualifier, vintage, authority and exclusion of one dossier row, from its recorded caveats."""
    note = _FLAG_MENTION.sub("", str(row.get("note", "")))
    text = " ".join(str(row.get(k, "")) for k in ("note", "source_title", "source_url"))
    if not YEAR_RANGE[0] <= int(row["year"]) <= YEAR_RANGE[1]:
        return {"excluded": f"year outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]} (kept in the dossier for reference)"}
    if _OTHER_MEASURE.search(_NEGATED_MEASURE.sub("", note)):
        return {"excluded": "another measure than the catalogue's (C31 is 一般公共预算收入, not 财政总收入)"}
    if _SUSPECT.search(note):
        qualifier = "suspect"
    elif _APPROXIMATE.search(note):
        qualifier = "approximate"
    elif _BOUND.search(note):
        qualifier = "lower_bound"
    elif "derived" in note and _ARITHMETIC.search(note.split("derived", 1)[1]):
        qualifier = "derived"
    else:
        qualifier = "exact"
    if _LOW.search(note):
        authority = "low_authority"
    elif _OFFICIAL.search(text):
        authority = "official"
    elif _OPERATOR.search(text):
        authority = "operator"
    elif _COMPILATION.search(text):
        authority = "compilation"
    else:
        authority = "press"
    vintage = "revised" if _REVISED.search(note) else "first_published"
    return {"excluded": "", "qualifier": qualifier, "authority": authority, "vintage": vintage}


def significant_digits(value: float) -> int:
    digits = f"{value:.10g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def publisher_for(url: str) -> str:
    """Where a source was read: its host, and for a file kept in a public repository the repository."""
    parsed = urlparse(url)
    host = parsed.netloc.removeprefix("www.") or "local"
    if host == "github.com":
        return "github.com/" + "/".join(parsed.path.strip("/").split("/")[:2])
    return host


def source_id_for(url: str) -> str:
    """A stable, readable id for a URL: its host and a short hash."""
    host = urlparse(url).netloc.removeprefix("www.") or "local"
    return f"{host}#{hashlib.sha1(url.encode()).hexdigest()[:8]}"


def series_sources(eligible: pd.DataFrame) -> pd.DataFrame:
    """The one source of each (entity, indicator) series that gives it most of its years.

    A candidate is a source of official or operator authority with usable (exact or derived) values for at
    least ``SERIES_MIN_YEARS`` years of the series; the most years wins, then authority, then the dossier
    order. Returns entity, indicator, series_source, series_years.
    """
    pool = eligible[eligible["qualifier"].isin(USABLE_QUALIFIERS) & eligible["authority"].isin(SERIES_AUTHORITIES)]
    cover = (
        pool.groupby(["entity", "indicator", "source_id"], as_index=False)
        .agg(series_years=("year", "nunique"), k_authority=("k_authority", "min"), order=("order", "min"))
        .query("series_years >= @SERIES_MIN_YEARS")
        .sort_values(["entity", "indicator", "series_years", "k_authority", "order"], ascending=[True, True, False, True, True])
    )
    best = cover.groupby(["entity", "indicator"], as_index=False).head(1)
    return best.rename(columns={"source_id": "series_source"})[["entity", "indicator", "series_source", "series_years"]]


def select(candidates: pd.DataFrame) -> pd.DataFrame:
    """Decide every candidate row: ``decision`` is kept or rejected, with ``reason``.

    ``candidates`` carries the dossier columns plus qualifier, authority, vintage and excluded
    (from :func:`classify`). Exactly one row per (entity, indicator, year) is kept, unless all
    of the cell's rows are excluded. A usable value from the series' own source (:func:`series_sources`)
    comes before any other, so that a series keeps one source and vintage wherever that source has it.
    """
    c = candidates.copy()
    c["order"] = range(len(c))
    c["decision"], c["reason"] = "rejected", c["excluded"]
    eligible = c[c["excluded"] == ""].copy()
    eligible["k_usable"] = (~eligible["qualifier"].isin(USABLE_QUALIFIERS)).astype(int)
    eligible["k_qualifier"] = eligible["qualifier"].map(QUALIFIER_ORDER)
    eligible["k_vintage"] = (eligible["vintage"] != "first_published").astype(int)
    eligible["k_authority"] = eligible["authority"].map({a: i for i, a in enumerate(AUTHORITY)})
    eligible["k_precision"] = -eligible["value"].map(significant_digits)
    series = series_sources(eligible)
    eligible = eligible.reset_index().merge(series, on=["entity", "indicator"], how="left").set_index("index")
    eligible["k_series"] = (eligible["source_id"] != eligible["series_source"]).astype(int)
    keys = ["k_usable", "k_series", "k_qualifier", "k_vintage", "k_authority", "k_precision"]
    ranked = eligible.sort_values(["entity", "indicator", "year", *keys, "order"])
    best = ranked.groupby(["entity", "indicator", "year"], sort=False).head(1)
    c.loc[best.index, "decision"] = "kept"
    c.loc[best.index, "reason"] = [
        f"series source ({int(r.series_years)} years of the series)" if r.k_series == 0 else "first by the precedence rule"
        for r in best.itertuples()
    ]
    winners = best.set_index(["entity", "indicator", "year"])
    labels = {
        "k_usable": ("qualifier", "qualifier"),
        "k_series": ("series", "source_id"),
        "k_qualifier": ("qualifier", "qualifier"),
        "k_vintage": ("vintage", "vintage"),
        "k_authority": ("authority", "authority"),
        "k_precision": ("precision", "value"),
    }
    for idx in ranked.index.difference(best.index):
        row = ranked.loc[idx]
        w = winners.loc[(row["entity"], row["indicator"], row["year"])]
        for key in keys:
            if row[key] != w[key]:
                label, column = labels[key]
                c.loc[idx, "reason"] = (
                    f"series: the kept value is from the series source {w['source_id']}"
                    if key == "k_series"
                    else f"{label}: {row[column]} loses to the kept {w[column]}"
                )
                break
        else:
            c.loc[idx, "reason"] = "same rank as the kept row, which comes first in the dossier"
    return c.drop(columns="order")


ZHANG_ID = "zhang-table2"
ZHANG_TITLE = "Zhang, Research on Mutual Promote Development between Smart Port and Supply Chain, Table 2"
ZHANG_REFERENCE = (
    "Zhang, M. Research on Mutual Promote Development between Smart Port and Supply Chain. School of "
    "Transportation, Shanghai Maritime University. Table 2: Cargo throughput and container throughput "
    "of Ningbo-Zhoushan Port, 2010-2018."
)


DOSSIER_COLUMNS = ("entity", "indicator", "year", "value", "unit", "source_url", "source_title", "excerpt", "note")


def _dossier_file(path: Path, catalogue) -> pd.DataFrame:
    """One dossier file through the one reader (a value that is not a number is an InputError), with its columns,
    a year in every row and only the catalogue's entities (each becomes a file name under raw/) and indicators."""
    table = read_csv(path, dtype={"value": float}, keep_default_na=False)
    missing = [c for c in DOSSIER_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"{path}: no column {', '.join(missing)}")
    for column, known in (("entity", catalogue.entities), ("indicator", catalogue.indicators.index)):
        unknown = ~table[column].isin(known)
        if unknown.any():
            row = int(unknown.to_numpy().argmax())
            raise InputError(f"{path}, line {row + 2}: column {column!r}: unknown {column} {table[column].iloc[row]!r}")
    if table["year"].dtype.kind != "i":  # pandas reads a column of whole numbers only as integers
        # Read as text: a number of 400 digits overflows a float (the fuzzer found it), "2016.5" is no year.
        bad = int((~table["year"].astype(str).str.fullmatch(r"\d{1,4}")).to_numpy().argmax())
        raise InputError(f"{path}, line {bad + 2}: column 'year': {table['year'].iloc[bad]!r} is not a year")
    return table.assign(dossier_file=path.name)


def curate(dossier_folder, zhang_table, out_folder, catalogue) -> tuple[int, int]:
    """Build ``raw/`` (one file per entity), ``sources.csv`` and ``curation/decisions.csv`` in ``out_folder`` from
    the dossier and Zhang's Table 2 by the precedence rule. A researcher's own files in raw/ and their sources in
    sources.csv are left alone. Returns (candidate rows, kept rows)."""
    files = sorted(Path(dossier_folder).glob("*.csv"))
    if not files:
        raise InputError(f"{dossier_folder}: no dossier CSV file in it")
    dossier = pd.concat([_dossier_file(f, catalogue) for f in files], ignore_index=True)
    dossier["unit"] = dossier["unit"].str.replace(" (berths)", "", regex=False)
    dossier["source_id"] = dossier["source_url"].map(source_id_for)
    zhang = read_csv(zhang_table)
    missing = [c for c in ("year", "cargo_throughput_10k_tons", "container_throughput_10k_teu") if c not in zhang]
    if missing:
        raise InputError(f"{zhang_table}: no column {', '.join(missing)}")
    zhang_rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "entity": "Ningbo-Zhoushan Port",
                    "indicator": code,
                    "year": zhang["year"],
                    "value": zhang[col].astype(float),
                    "unit": catalogue.indicators.at[code, "unit"],
                    "source_url": "",
                    "source_title": ZHANG_TITLE,
                    "excerpt": "",
                    "note": "Zhang, Table 2 (header says tons; the values are 10,000 tons, docs/method.md)",
                    "dossier_file": Path(zhang_table).name,
                    "source_id": ZHANG_ID,
                }
            )
            for code, col in (("C21", "cargo_throughput_10k_tons"), ("C22", "container_throughput_10k_teu"))
        ]
    )
    candidates = pd.concat([dossier, zhang_rows], ignore_index=True)
    classes = candidates.apply(classify, axis=1, result_type="expand")
    candidates = pd.concat([candidates, classes], axis=1)
    for col in ("qualifier", "authority", "vintage"):
        candidates[col] = candidates[col].fillna("")
    decided = select(candidates)
    out = Path(out_folder)
    write_csv(
        decided[
            [
                "dossier_file",
                "entity",
                "indicator",
                "year",
                "value",
                "unit",
                "source_id",
                "qualifier",
                "authority",
                "vintage",
                "decision",
                "reason",
                "note",
            ]
        ],
        out / "curation" / "decisions.csv",
    )
    kept = decided[decided["decision"] == "kept"].copy()
    kept["quote"] = kept["excerpt"]
    kept["note"] = kept.apply(lambda r: f"{r['note']} [authority={r['authority']}; vintage={r['vintage']}]".strip(), axis=1)
    for entity, rows in kept.groupby("entity"):
        write_csv(
            rows.sort_values(["indicator", "year"])[[*RAW_COLUMNS[:5], "qualifier", *RAW_COLUMNS[5:]]],
            out / "raw" / f"{entity_slug(entity)}.csv",
        )
    pages = (
        decided[decided["source_url"] != ""]
        .drop_duplicates("source_id")
        .assign(
            kind="page",
            title=lambda d: d["source_title"],
            publisher=lambda d: d["source_url"].map(publisher_for),
            url=lambda d: d["source_url"],
            reference="",
            date="",
        )
    )
    table = pd.DataFrame(
        [
            {
                "source_id": ZHANG_ID,
                "kind": "table",
                "title": ZHANG_TITLE,
                "publisher": "Shanghai Maritime University",
                "url": "",
                "reference": ZHANG_REFERENCE,
                "date": "",
            }
        ]
    )
    sources = pd.concat([pages, table], ignore_index=True)[
        ["source_id", "kind", "title", "publisher", "url", "reference", "date"]
    ]
    sources = sources[sources["source_id"].isin(kept["source_id"])]
    existing = out / "sources.csv"
    if existing.exists():  # a researcher's own sources (for their own files in raw/) stay
        theirs = read_csv(existing, dtype=str, keep_default_na=False)
        sources = pd.concat([sources, theirs[~theirs["source_id"].isin(decided["source_id"])]], ignore_index=True)
    write_csv(sources.sort_values("source_id"), existing)
    return len(decided), len(kept)

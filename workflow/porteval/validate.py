"""Checks of raw data files: every problem at once, each with file, line, column and a hint.

Used by ``porteval validate`` and by the pipeline's validate rule. A data problem never
surfaces as a Python traceback: :func:`validate_files` returns :class:`Problem` records.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .catalogue import QUALIFIERS, Catalogue

RAW_COLUMNS = ("entity", "indicator", "year", "value", "unit", "source_id", "quote", "note")
# qualifier defaults to exact; term_zh and published_in are the hints of results/data/gaps.csv, ignored here.
OPTIONAL_COLUMNS = ("qualifier", "term_zh", "published_in")
SOURCE_COLUMNS = ("source_id", "kind", "title", "publisher", "url", "reference", "date")
SOURCE_KINDS = ("page", "table", "document")
FIRST_YEAR = 1949
PLAIN_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based line of the file (the header is line 1); 0 for the whole file
    column: str  # column name, or "" for the whole row or file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f": column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    if not data.strip():
        problems.append(Problem(str(path), 0, "", "the file is empty", "a raw file starts with the header row"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                str(path),
                1,
                "",
                "the file starts with a UTF-8 byte-order mark",
                "save as UTF-8 without BOM (e.g. `sed -i '1s/^\\xEF\\xBB\\xBF//' FILE`)",
            )
        )
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = "save the file as UTF-8"
        try:
            data.decode("gbk")
            hint = "it decodes as GBK, common in Chinese statistics: convert with `iconv -f GBK -t UTF-8 IN > OUT`"
        except UnicodeDecodeError:
            pass
        problems.append(Problem(str(path), line, "", "the file is not UTF-8 text", hint))
        return None


def parse_number(text: str) -> tuple[float | None, str]:
    """A plain non-negative decimal number, or (None, hint saying what is wrong with it)."""
    s = text.strip()
    if PLAIN_NUMBER.match(s):
        return float(s), ""
    if not s:
        return None, "the value is empty; leave a missing value out of the file instead of writing an empty row"
    if re.match(r"^-[0-9]", s):
        return None, "negative"
    folded = unicodedata.normalize("NFKC", s)
    if folded != s and PLAIN_NUMBER.match(folded):
        return None, f"full-width characters: write {folded}"
    if re.match(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", s):
        return None, f"thousands separators: write {s.replace(',', '')}"
    if s.endswith(("万", "亿")):
        return None, "a unit inside the value: convert to the catalogue unit and put the number alone"
    if s[0] in "约近超逾" or s.lower().startswith(("about", "over", "more than", "nearly", ">", "~")):
        return None, "an approximation or bound: put the number alone and set qualifier to approximate or lower_bound"
    if s in {"—", "-", "–", "…", "...", "NA", "N/A", "nan", "null"}:
        return None, "a missing-value mark: leave the cell out of the file instead"
    return None, "write a plain decimal number such as 1234.5"


def read_sources(path: Path, problems: list[Problem]) -> dict[str, dict]:
    """The sources table keyed by source_id; its own problems are appended to ``problems``."""
    text = _read_text(path, problems)
    if text is None:
        return {}
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = rows[0].keys() if rows else next(csv.reader(io.StringIO(text, newline="")))
    for col in SOURCE_COLUMNS:
        if col not in header:
            problems.append(Problem(str(path), 1, col, "missing column", f"the sources table has {', '.join(SOURCE_COLUMNS)}"))
    if problems and any(p.file == str(path) and p.line <= 1 for p in problems):
        return {}
    sources: dict[str, dict] = {}
    for lineno, row in enumerate(rows, start=2):
        sid = (row.get("source_id") or "").strip()
        if not sid:
            problems.append(Problem(str(path), lineno, "source_id", "empty source_id"))
            continue
        if sid in sources:
            problems.append(Problem(str(path), lineno, "source_id", f"source_id {sid!r} is listed twice"))
        if row.get("kind") not in SOURCE_KINDS:
            problems.append(
                Problem(str(path), lineno, "kind", f"unknown kind {row.get('kind')!r}", f"one of {', '.join(SOURCE_KINDS)}")
            )
        if not (row.get("url") or "").strip() and not (row.get("reference") or "").strip():
            problems.append(Problem(str(path), lineno, "url", "a source needs a URL or a bibliographic reference"))
        sources[sid] = row
    return sources


def validate_raw_file(
    path: Path, catalogue: Catalogue, sources: dict[str, dict], last_year: int | None = None, seen: dict | None = None
) -> list[Problem]:
    """Every problem of one tidy raw file. ``seen`` carries the cells of files checked before, to find
    the same cell given different values in two files."""
    problems: list[Problem] = []
    file = str(path)
    text = _read_text(path, problems)
    if text is None:
        return problems
    try:
        return _validate_rows(file, text, catalogue, sources, last_year, problems, {} if seen is None else seen)
    except csv.Error as err:
        problems.append(Problem(file, 0, "", f"not a readable CSV file: {err}", "save it as comma-separated UTF-8 text"))
        return problems


def _validate_rows(file, text, catalogue, sources, last_year, problems, seen):
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    known = set(RAW_COLUMNS) | set(OPTIONAL_COLUMNS)
    for col in header:
        if col not in known:
            close = difflib.get_close_matches(col, sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(RAW_COLUMNS)} (+ qualifier)"
            problems.append(Problem(file, 1, col, "unknown column", hint))
    missing = [c for c in RAW_COLUMNS if c not in header]
    for col in missing:
        problems.append(Problem(file, 1, col, "missing column", f"the columns are {', '.join(RAW_COLUMNS)} (+ qualifier)"))
    if missing:
        return problems
    last_year = last_year or datetime.date.today().year
    n_rows = 0
    for row_values in reader:
        lineno = reader.line_num
        if not any(v.strip() for v in row_values):
            continue
        n_rows += 1
        if len(row_values) != len(header):
            problems.append(
                Problem(
                    file,
                    lineno,
                    "",
                    f"the row has {len(row_values)} fields, the header {len(header)}",
                    "quote fields that contain commas",
                )
            )
            continue
        row = dict(zip(header, row_values, strict=True))
        entity, code = row["entity"].strip(), row["indicator"].strip()
        if entity not in catalogue.entities:
            close = difflib.get_close_matches(entity, catalogue.entities, n=1)
            problems.append(
                Problem(
                    file,
                    lineno,
                    "entity",
                    f"unknown entity {entity!r}",
                    f"did you mean {close[0]!r}?" if close else "entities are listed in config/entities.yaml",
                )
            )
        indicator_known = code in catalogue.indicators.index
        if not indicator_known:
            close = difflib.get_close_matches(code, list(catalogue.indicators.index), n=1)
            problems.append(
                Problem(
                    file,
                    lineno,
                    "indicator",
                    f"unknown indicator {code!r}",
                    f"did you mean {close[0]!r}?" if close else "codes are listed in config/indicators.yaml",
                )
            )
        elif entity in catalogue.entities and catalogue.indicators.at[code, "level"] != catalogue.kind_of(entity):
            problems.append(
                Problem(
                    file,
                    lineno,
                    "indicator",
                    f"{code} is a {catalogue.indicators.at[code, 'level']} statistic, "
                    f"but {entity!r} is a {catalogue.kind_of(entity)}",
                    "city indicators (C31-C36) belong to the port's city",
                )
            )
        year_text = row["year"].strip()
        if not re.fullmatch(r"[0-9]{4}", year_text):
            problems.append(Problem(file, lineno, "year", f"year {year_text!r} is not a four-digit year"))
        elif not FIRST_YEAR <= int(year_text) <= last_year:
            problems.append(Problem(file, lineno, "year", f"year {year_text} is out of range {FIRST_YEAR}-{last_year}"))
        value, why = parse_number(row["value"])
        if value is None:
            message = (
                f"negative value {row['value'].strip()!r}"
                if why == "negative"
                else f"value {row['value']!r} is not a plain number"
            )
            problems.append(
                Problem(
                    file, lineno, "value", message, "statistics in the catalogue are non-negative" if why == "negative" else why
                )
            )
        if indicator_known and row["unit"].strip() != catalogue.indicators.at[code, "unit"]:
            problems.append(
                Problem(
                    file,
                    lineno,
                    "unit",
                    f"unit {row['unit'].strip()!r} disagrees with the catalogue's "
                    f"{catalogue.indicators.at[code, 'unit']!r} for {code}",
                    "convert the value to the catalogue unit and say so in the note",
                )
            )
        qualifier = row.get("qualifier", "exact").strip() or "exact"
        if qualifier not in QUALIFIERS:
            problems.append(
                Problem(file, lineno, "qualifier", f"unknown qualifier {qualifier!r}", f"one of {', '.join(QUALIFIERS)}")
            )
        sid = row["source_id"].strip()
        if not sid:
            problems.append(Problem(file, lineno, "source_id", "missing source_id", "every raw value carries its source"))
        elif sid not in sources:
            problems.append(Problem(file, lineno, "source_id", f"unknown source_id {sid!r}", "add it to data/sources.csv"))
        elif sources[sid].get("kind") != "table" and not row["quote"].strip():
            problems.append(
                Problem(
                    file,
                    lineno,
                    "quote",
                    "missing quote",
                    "a value from a page or document carries a quote that contains the number",
                )
            )
        key = (entity, code, year_text)
        if value is not None:
            if key in seen and seen[key][1] != row["value"].strip():
                problems.append(
                    Problem(
                        file,
                        lineno,
                        "value",
                        f"duplicate ({entity}, {code}, {year_text}) with a different value than {seen[key][0]}",
                        "keep one value per cell (data/README.md gives the precedence rule)",
                    )
                )
            seen.setdefault(key, (f"{file}:{lineno}", row["value"].strip()))
    if n_rows == 0:
        problems.append(Problem(file, 0, "", "the file has a header but no data rows"))
    return problems


def validate_files(paths, catalogue: Catalogue, sources_path: Path) -> list[Problem]:
    """Every problem of the sources table and of each raw file, sorted by file and line."""
    problems: list[Problem] = []
    sources = read_sources(Path(sources_path), problems)
    seen: dict[tuple, tuple[str, str]] = {}
    for path in paths:
        path = Path(path)
        if not path.is_file():
            problems.append(Problem(str(path), 0, "", "no such file"))
            continue
        problems.extend(validate_raw_file(path, catalogue, sources, seen=seen))
    return sorted(set(problems))

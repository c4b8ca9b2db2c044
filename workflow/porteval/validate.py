"""Checks of raw data files: every problem at once, each with file, line, column and a hint.

Used by ``porteval validate`` and by the pipeline's validate rule. A data problem never
surfaces as a Python traceback: :func:`validate_files` returns :class:`Problem` records.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .catalogue import QUALIFIERS, USABLE_QUALIFIERS, Catalogue, entity_slug, file_entity
from .inputs import InputError, one_line, read_bytes, read_csv

RAW_COLUMNS = ("entity", "indicator", "year", "value", "unit", "source_id", "quote", "note")
# qualifier defaults to exact; term_zh, published_in and claims are the hints of results/data/gaps.csv, ignored here.
OPTIONAL_COLUMNS = ("qualifier", "term_zh", "published_in", "claims")
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
        return one_line(f"{where}: {self.message}" + (f" (hint: {self.hint})" if self.hint else ""))


def _read_text(path: Path, problems: list[Problem], hint: str = "check that it exists and is a plain file") -> str | None:
    """The file as text, through the one checked reader (porteval.inputs.read_bytes); None, with its problem
    appended, for a file that cannot be read, is empty or is not UTF-8."""
    try:
        data = read_bytes(path)
    except InputError as err:
        problems.append(Problem(str(path), 0, "", str(err).removeprefix(f"{path}: "), hint))
        return None
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
        value = float(s)
        if not math.isfinite(value):
            return None, "too large for floating point (it would become infinity): use a larger unit"
        if value == 0 and re.search(r"[1-9]", s):
            return None, "too small for floating point (it would become 0): use a smaller unit"
        return value, ""
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
    text = _read_text(path, problems, "config data.sources names it")
    if text is None:
        return {}
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = rows[0].keys() if rows else next(csv.reader(io.StringIO(text, newline="")))
    for col in SOURCE_COLUMNS:
        if col not in header:
            problems.append(Problem(str(path), 1, col, MISSING_COLUMN, f"the sources table has {', '.join(SOURCE_COLUMNS)}"))
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


@dataclass
class RawRow:
    """One record of a raw file as parsed once for validation and ingest: its values stripped of surrounding
    white space, the line it starts on, and, for a wide sheet, the sheet's own column of each field."""

    line: int
    values: dict[str, str]
    columns: dict[str, str] | None = None  # field -> the column to name in a problem (wide sheets)

    def column(self, field: str) -> str:
        return (self.columns or {}).get(field, field)


def parse_raw(path: Path) -> tuple[list[RawRow], list[Problem]]:
    """The records of a tidy raw CSV file and the problems that stop reading it (encoding, header, field counts).

    The one reader of raw files: ``porteval validate``, the validate rules and the ingest all use it. Values are
    stripped of surrounding white space; each record knows the line it starts on (a quoted line break inside a
    field does not shift the lines of the records after it); blank records are skipped.
    """
    problems: list[Problem] = []
    file = str(path)
    text = _read_text(Path(path), problems)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader, [])]
        if len(header) == 1 and ("\t" in header[0] or ";" in header[0]):
            sep = "tabs" if "\t" in header[0] else "semicolons"
            problems.append(Problem(file, 1, "", f"the file separates its columns with {sep}", "save it as comma-separated CSV"))
            return [], problems
        for col in sorted(h for h, n in Counter(header).items() if n > 1)[:MOST_PER_HEADER]:
            problems.append(Problem(file, 1, col, "the column appears more than once", "keep one column of each name"))
        rows, end = [], reader.line_num
        for record in reader:
            start, end = end + 1, reader.line_num
            if not any(v.strip() for v in record):
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        file,
                        start,
                        "",
                        f"the row has {len(record)} fields, the header {len(header)}",
                        "quote fields that contain commas",
                    )
                )
                continue
            rows.append(RawRow(start, {h: v.strip() for h, v in zip(header, record, strict=True)}))
    except csv.Error as err:
        problems.append(
            Problem(file, reader.line_num, "", f"not a readable CSV file: {err}", "save it as comma-separated UTF-8 text")
        )
        return [], problems
    _check_header(file, header, problems)
    return rows, problems


UNKNOWN_COLUMN, MISSING_COLUMN = "unknown column", "missing column"  # header problems that _as_meant can read past
# A header of 50,000 made-up columns took two minutes to check and gave 50,001 lines: a header's problems of one
# kind are listed up to this many, then counted.
MOST_PER_HEADER = 20


def _check_header(file: str, header: list[str], problems: list[Problem]) -> None:
    known = set(RAW_COLUMNS) | set(OPTIONAL_COLUMNS)
    unknown = list(dict.fromkeys(col for col in header if col not in known))
    if len(unknown) > MOST_PER_HEADER:
        more = len(unknown) - MOST_PER_HEADER
        problems.append(
            Problem(file, 1, "", f"{more} more unknown columns than the {MOST_PER_HEADER} listed", "is this a raw file?")
        )
    for col in unknown[:MOST_PER_HEADER]:
        close = difflib.get_close_matches(col, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(RAW_COLUMNS)} (+ qualifier)"
        problems.append(Problem(file, 1, col, UNKNOWN_COLUMN, hint))
    for col in RAW_COLUMNS:
        if col not in header:
            problems.append(Problem(file, 1, col, MISSING_COLUMN, f"the columns are {', '.join(RAW_COLUMNS)} (+ qualifier)"))


def validate_raw_file(
    path: Path, catalogue: Catalogue, sources: dict[str, dict], last_year: int | None = None, seen: dict | None = None
) -> list[Problem]:
    """Every problem of one tidy raw file. ``seen`` carries the cells of files checked before, to find
    the same cell given different values in two files."""
    rows, problems = parse_raw(path)
    if any(p.line <= 1 for p in problems):
        rows = _as_meant(rows, problems)
        if rows is None:  # unreadable, or a header without the columns: nothing more to say
            return problems
    if not rows and not problems:
        return [Problem(str(path), 0, "", "the file has a header but no data rows")]
    seen = {} if seen is None else seen
    return problems + check_rows(str(path), rows, catalogue, sources, last_year, seen, file_entity(path, catalogue))


def _as_meant(rows: list[RawRow], problems: list[Problem]) -> list[RawRow] | None:
    """The rows read with each misspelt column as the one it resembles (``indicatr`` as ``indicator``), so that a
    misspelt header does not hide the problems of the rows; None when the header has other problems or a column
    that is missing and resembles none of the file's columns. A row's problem names the file's own column."""
    header = [p for p in problems if p.line <= 1]
    if not rows or any(p.message not in (UNKNOWN_COLUMN, MISSING_COLUMN) for p in header):
        return None
    missing = [p.column for p in header if p.message == MISSING_COLUMN]
    meant = {}
    for p in header:
        if p.message == UNKNOWN_COLUMN:
            close = difflib.get_close_matches(p.column, missing, n=1)
            if close and close[0] not in meant.values():
                meant[p.column] = close[0]
    if sorted(meant.values()) != sorted(missing):
        return None
    shown = {field: column for column, field in meant.items()}
    return [RawRow(r.line, {meant.get(k, k): v for k, v in r.values.items()}, shown) for r in rows]


def check_rows(file: str, rows: list[RawRow], catalogue, sources, last_year, seen, named_for=None) -> list[Problem]:
    """The checks of every value, tidy file or wide sheet alike; ``named_for``: the entity a file is named after."""
    problems: list[Problem] = []
    last_year = last_year or datetime.date.today().year
    for raw in rows:
        row, lineno = raw.values, raw.line

        def problem(field, message, hint="", raw=raw, lineno=lineno):
            problems.append(Problem(file, lineno, raw.column(field), message, hint))

        entity, code = row["entity"], row["indicator"]
        # A file named after an entity is checked first against that name: it is all that the file's own check
        # job reads of the entities (the workflow's part of the catalogue), and the answer is the same either way.
        if named_for and entity != named_for:
            close = difflib.get_close_matches(entity, [named_for], n=1)
            problem(
                "entity",
                f"{entity!r} in a file named after {named_for!r}",
                f"did you mean {named_for!r}?"
                if close
                else f"a file named {entity_slug(named_for)}.csv or {entity_slug(named_for)}.<label>.csv holds only "
                f"{named_for!r}; move the row, or give a file for several entities a name that is not an entity's",
            )
        elif entity not in catalogue.entities:
            close = difflib.get_close_matches(entity, catalogue.entities, n=1)
            problem(
                "entity",
                f"unknown entity {entity!r}",
                f"did you mean {close[0]!r}?" if close else "entities are listed in config/entities.yaml",
            )
        indicator_known = code in catalogue.indicators.index
        if not indicator_known:
            close = difflib.get_close_matches(code, list(catalogue.indicators.index), n=1)
            problem(
                "indicator",
                f"unknown indicator {code!r}",
                f"did you mean {close[0]!r}?" if close else "codes are listed in config/indicators.yaml",
            )
        elif entity in catalogue.entities and catalogue.indicators.at[code, "level"] != catalogue.kind_of(entity):
            problem(
                "indicator",
                f"{code} is a {catalogue.indicators.at[code, 'level']} statistic, "
                f"but {entity!r} is a {catalogue.kind_of(entity)}",
                "city indicators (C31-C36) belong to the port's city",
            )
        year_text = row["year"]
        if not re.fullmatch(r"[0-9]{4}", year_text):
            problem("year", f"year {year_text!r} is not a four-digit year")
        elif not FIRST_YEAR <= int(year_text) <= last_year:
            problem("year", f"year {year_text} is out of range {FIRST_YEAR}-{last_year}")
        value, why = parse_number(row["value"])
        if value is None:
            negative = why == "negative"
            message = f"negative value {row['value']!r}" if negative else f"value {row['value']!r} is not a plain number"
            problem("value", message, "statistics in the catalogue are non-negative" if negative else why)
        if indicator_known and row["unit"] != catalogue.indicators.at[code, "unit"]:
            problem(
                "unit",
                f"unit {row['unit']!r} disagrees with the catalogue's {catalogue.indicators.at[code, 'unit']!r} for {code}",
                "convert the value to the catalogue unit and say so in the note",
            )
        qualifier = row.get("qualifier", "exact") or "exact"
        if qualifier not in QUALIFIERS:
            problem("qualifier", f"unknown qualifier {qualifier!r}", f"one of {', '.join(QUALIFIERS)}")
        sid = row["source_id"]
        if not sid:
            problem("source_id", "missing source_id", "every raw value carries its source")
        elif sid not in sources:
            problem("source_id", f"unknown source_id {sid!r}", "add it to data/sources.csv")
        elif sources[sid].get("kind") != "table" and not row["quote"]:
            problem("quote", "missing quote", "a value from a page or document carries a quote that contains the number")
        key = (entity, code, year_text)
        if value is not None and qualifier in USABLE_QUALIFIERS:
            # Two values the analysis would both use must agree (91780 and 91780.0 are one value); a bound, an
            # approximation or a suspect value beside an exact one is no conflict: the exact one is used.
            if key in seen and seen[key][1] != value:
                problem(
                    "value",
                    f"duplicate ({entity}, {code}, {year_text}) with a different value than {seen[key][0]}",
                    "keep one value per cell (data/README.md gives the precedence rule)",
                )
            seen.setdefault(key, (f"{file}:{lineno}", value))
    return problems


def validation_report(problems: list, files: int, wide_sheets: int = 0) -> str:
    """What a validation found, as the validate rules write it: every problem on its line, then the count."""
    checked = f"{files} file(s) and {wide_sheets} wide sheet(s) checked" if wide_sheets else f"{files} file(s) checked"
    return "".join(f"{p}\n" for p in problems) + f"{checked}, {len(problems)} problem(s)\n"


def validate_files(paths, catalogue: Catalogue, sources_path: Path, wide_sheets=()) -> list[Problem]:
    """Every problem of the sources table, of each raw file and of each declared wide sheet, sorted by file and
    line. When the sources table itself is unreadable or lacks its columns, only its own problems are reported
    (every source_id would otherwise be 'unknown')."""
    problems: list[Problem] = []
    sources_path = Path(sources_path)
    try:
        sources = read_sources(sources_path, problems)
    except csv.Error as err:
        return [Problem(str(sources_path), 0, "", f"cannot read the sources table: {err}")]
    if any(p.line <= 1 for p in problems):
        return sorted(set(problems))
    seen: dict[tuple, tuple[str, float]] = {}
    for path in paths:
        problems.extend(validate_raw_file(Path(path), catalogue, sources, seen=seen))
    for spec in wide_sheets:
        rows, sheet_problems = wide_sheet_rows(spec, catalogue)
        problems.extend(sheet_problems)
        problems.extend(check_rows(spec["path"], rows, catalogue, sources, None, seen))
    return sorted(set(problems))


def wide_sheet_rows(spec: dict, catalogue: Catalogue) -> tuple[list[RawRow], list[Problem]]:
    """A yearbook-style sheet (indicators as rows, years as columns, CSV or XLSX) as tidy rows for the same checks
    as a tidy file: each row names its sheet row and column. Year headers may be printed as "2016" or "2016年";
    a label of the mapping that the sheet does not have is a problem. ``spec`` has the schema's defaults filled in
    (:func:`porteval.configcheck.validate_config`)."""
    import pandas as pd

    path = Path(spec["path"])
    file = str(path)
    label = spec["label_column"]
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            sheet = pd.read_excel(io.BytesIO(read_bytes(path)), sheet_name=spec["sheet"], dtype=str)
        else:
            sheet = read_csv(path, dtype=str, keep_default_na=False)
    except (InputError, OSError, ValueError, KeyError) as err:
        return [], [Problem(file, 0, "", f"cannot read the sheet: {err}", "config data.wide_sheets names it")]
    if label not in sheet.columns:
        columns = ", ".join(map(str, sheet.columns))
        return [], [
            Problem(file, 1, label, "no such label column", f"the sheet's columns are {columns} (data.wide_sheets label_column)")
        ]
    problems: list[Problem] = []
    years = {col: re.sub(r"\s*年$", "", str(col).strip()) for col in sheet.columns if col != label}
    years = {col: y for col, y in years.items() if re.fullmatch(r"[0-9]{4}", y)}
    labels = {str(v).strip(): i for i, v in enumerate(sheet[label])}
    for printed in spec["rows"]:
        if printed not in labels:
            close = difflib.get_close_matches(printed, list(labels), n=1)
            problems.append(
                Problem(
                    file,
                    0,
                    label,
                    f"the mapping's row label {printed!r} is not in the sheet",
                    f"did you mean {close[0]!r}?" if close else "data.wide_sheets rows maps the labels as printed",
                )
            )
    rows = []
    for printed, code in spec["rows"].items():
        if printed not in labels:
            continue
        i = labels[printed]
        for col, year in years.items():
            text = "" if pd.isna(sheet.iloc[i][col]) else str(sheet.iloc[i][col]).strip()
            if not text:
                continue
            values = {
                "entity": spec["entity"],
                "indicator": code,
                "year": year,
                "value": text,
                "unit": catalogue.indicators.at[code, "unit"] if code in catalogue.indicators.index else "",
                "qualifier": spec["qualifier"],
                "source_id": spec["source_id"],
                "quote": "",
                "note": f"wide sheet row {printed!r}, column {col!r}",
            }
            columns = {"value": str(col), "year": str(col), "indicator": label, "entity": label}
            rows.append(RawRow(i + 2, values, columns))
    return rows, problems

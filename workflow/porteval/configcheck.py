"""The configuration checked before any job (the workflow's parse time, workflow/rules/common.smk): against its
schema, then what a schema cannot say (studies, papers, audit trails, robustness settings, data, names that become
paths). Apart from porteval.catalogue, which every job reads, so that a job's code checksum does not follow checks
it never runs (a new MCDA method re-ran every job when the method-name check lived there)."""

from __future__ import annotations

import math
from pathlib import Path

import fastjsonschema
import pandas as pd

from .catalogue import (
    _SLUG,
    _STUDY_NAME,
    Catalogue,
    ConfigError,
    entity_slug,
    path_name_problem,
    study_comparisons,
    study_indicators,
    study_years,
)
from .inputs import InputError, file_problem, load_yaml, read_csv, read_text, read_yaml, schema_validator
from .methods import METHODS
from .papers import PAPERS, paper_indicators

MEMORY_LIMIT = 8 * 2**30  # bytes one robustness job may ask for: a third of this machine kind's 24 GiB


# Each SMAA chunk is a job: Snakemake plans a thousand in about a second, a billion never (snakemake -n stalled).
MAX_CHUNKS = 1000


def check_yaml(path) -> None:
    """Raise ConfigError naming the file, line and column of what the one YAML reader refuses (porteval.inputs: a
    syntax error, a key given twice or that is not text, a tag of Python objects; a file that is not a regular
    UTF-8 file), or a key that would make Snakemake's config loader evaluate the file's values as code
    (``__use_yte__``). A config file is read by the pure-Python loader too, which Snakemake's is: libyaml's, the one
    reader's, takes a few documents it refuses (a tab after a value, found by the fuzzer), and Snakemake would then
    refuse the file with a message of its own."""
    try:
        text = read_text(path)
        loaded = load_yaml(str(path), text)
        load_yaml(str(path), text, pure=True)
    except InputError as err:
        raise ConfigError(str(err)) from None
    if isinstance(loaded, dict) and "__use_yte__" in loaded:
        raise ConfigError(
            f"{path}: __use_yte__ makes Snakemake evaluate the config's values as Python code; this project's config "
            "files are plain YAML: remove the key (and treat any config file you did not write like code)"
        )


def validate_config(config: dict, schema_path) -> None:
    """Check ``config`` against its JSON schema and fill in the schema's defaults, in place, as
    ``snakemake.utils.validate`` does (a test holds them to the same result), without importing jsonschema, whose
    format checkers take over a second to import. Raise ConfigError naming the key."""
    schema = _with_nested_defaults(read_yaml(schema_path))
    try:
        schema_validator(schema)(config)
    except fastjsonschema.JsonSchemaValueException as err:
        key = err.name.removeprefix("data").lstrip(".") or "(the config itself)"
        raise ConfigError(f"{key}: {err.message.removeprefix(err.name).strip()} (schema: {schema_path})") from None
    problems = _numbers_as_meant(config, schema, "")
    if problems:
        raise ConfigError("; ".join(problems) + f" (schema: {schema_path})")


def _numbers_as_meant(value, schema: dict, key: str) -> list[str]:
    """What JSON Schema lets through but Python cannot use: 2000.0 for a whole number (the schema counts it as
    an integer; range() does not) and NaN or infinity for a number (NaN passes every minimum and maximum)."""
    if not isinstance(schema, dict):
        return []
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if isinstance(value, float) and "integer" in types and "number" not in types:
        return [f"{key}: must be a whole number written without a decimal point, not {value!r}"]
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{key}: must be a finite number, not {value!r}"]
    out = []
    if isinstance(value, dict):
        for name, sub in value.items():
            spec = schema.get("properties", {}).get(name, schema.get("additionalProperties"))
            out += _numbers_as_meant(sub, spec, f"{key}.{name}".lstrip("."))
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, sub in enumerate(value):
            out += _numbers_as_meant(sub, schema["items"], f"{key}[{i}]")
    return out


def _with_nested_defaults(schema):
    """The schema with each object's default completed by its properties' defaults: Snakemake's validator fills
    them into an inserted default, fastjsonschema inserts the default as written."""
    if not isinstance(schema, dict):
        return schema
    schema = dict(schema)
    for keyword in ("items", "additionalProperties"):
        if keyword in schema:
            schema[keyword] = _with_nested_defaults(schema[keyword])
    if "properties" in schema:
        schema["properties"] = {name: _with_nested_defaults(sub) for name, sub in schema["properties"].items()}
        if isinstance(schema.get("default"), dict):
            nested = {name: sub["default"] for name, sub in schema["properties"].items() if "default" in sub}
            schema["default"] = {**nested, **schema["default"]}
    return schema


def check_studies(config: dict, catalogue: Catalogue) -> None:
    """Raise ConfigError naming every key of ``config['studies']`` that the catalogue cannot satisfy. ``config`` is
    as :func:`validate_config` left it, with the schema's defaults filled in (the one place they are stated)."""
    problems = []
    for name, study in config["studies"].items():
        key = f"studies.{name}"
        for i, port in enumerate(study["ports"]):
            if port not in catalogue.ports:
                problems.append(f"{key}.ports[{i}]: unknown port {port!r} (known: {', '.join(catalogue.ports)})")
        for i, code in enumerate(study.get("indicators", [])):
            if code not in catalogue.indicators.index:
                problems.append(f"{key}.indicators[{i}]: unknown indicator {code!r}")
        first, last = study["years"]
        if first > last:
            problems.append(f"{key}.years: first year {first} is after last year {last}")
        elif study["kind"] == "longitudinal" and first == last:
            problems.append(f"{key}.years: a longitudinal study compares at least two years (its alternatives)")
        paper = study.get("reproduces")
        reproducible = [p for p, entry in PAPERS.items() if "study_kind" in entry]
        if paper and paper not in reproducible:
            problems.append(
                f"{key}.reproduces: {paper!r} is not a paper a study reproduces (porteval/papers.yaml: {', '.join(reproducible)})"
            )
        elif paper and PAPERS[paper]["study_kind"] != study["kind"]:
            problems.append(f"{key}.reproduces: {paper} is reproduced by a {PAPERS[paper]['study_kind']} study")
        elif paper:
            problems += _check_paper_indicators(f"{key}.reproduces", paper, study_indicators(study, catalogue), catalogue)
            problems += _check_paper_scope(key, name, paper, study)
        if study["kind"] == "longitudinal" and len(study["ports"]) != 1:
            problems.append(f"{key}.ports: a longitudinal study has exactly one port")
        if study["kind"] == "cross_port" and len(study["ports"]) < 2:
            problems.append(f"{key}.ports: a cross-port study compares at least two ports")
    for i, entry in enumerate(config["audit_trail"]):
        problems += _check_trail(f"audit_trail[{i}]", entry, config["studies"])
    claimed = [s.get("reproduces") for s in config["studies"].values() if s.get("reproduces")]
    for paper in sorted({c for c in claimed if claimed.count(c) > 1}):
        problems.append(f"studies: more than one study reproduces {paper!r}")
    if config["weighting"]["mode"] == "file":
        problems += _check_weights_file(config["weighting"]["file"], config["studies"], catalogue)
    problems += check_names(config["studies"], catalogue)
    problems += _check_robustness(config["robustness"], config["studies"], catalogue)
    problems += _check_data(config["data"], catalogue)
    if problems:
        raise ConfigError("; ".join(problems))


def _check_paper_indicators(key: str, paper: str, codes: list[str], catalogue: Catalogue) -> list[str]:
    """A study that reproduces a paper uses the paper's indicators, as the paper defines them (porteval/papers.yaml):
    a code of another catalogue, or one the configured catalogue puts in another subsystem or direction, would be
    compared with a published number it is not."""
    theirs = paper_indicators(paper)
    foreign = [c for c in codes if c not in theirs.index]
    if foreign:
        return [
            f"{key}: {paper} is compared indicator by indicator with the paper's own ({', '.join(theirs.index)}), and "
            f"{', '.join(foreign)} {'is' if len(foreign) == 1 else 'are'} not among them: remove `reproduces` to run "
            "this catalogue as a study of its own, or restrict the study's `indicators` to the paper's"
        ]
    ours = catalogue.indicators.loc[codes, ["subsystem", "direction"]]
    paper = theirs.loc[codes, ["subsystem", "direction"]]
    differ = (ours != paper).any(axis=1)  # compared as tables: a lookup per indicator took most of every start's check
    return [
        f"{key}: the catalogue defines {c} as {ours.at[c, 'subsystem']} {ours.at[c, 'direction']}, the paper as "
        f"{paper.at[c, 'subsystem']} {paper.at[c, 'direction']}"
        for c in ours.index[differ]
    ]


def _check_paper_scope(key: str, name: str, paper: str, study: dict) -> list[str]:
    """A study that reproduces a paper stays within the paper's years and ports: its tables are compared with the
    published ones year by year and port by port. Widening it is the natural edit, and the message says how."""
    entry = PAPERS[paper]
    labels = " and ".join(t["label"] for t in entry["tables"].values())
    first, last = entry["window"]
    problems = []
    outside = [y for y in range(study["years"][0], study["years"][1] + 1) if not first <= y <= last]
    if outside:
        problems.append(
            f"{key}.years: {name} reproduces {entry['citation']} {labels} ({first}-{last}); to study "
            f"{outside[0]}{'-' + str(outside[-1]) if len(outside) > 1 else ''} too, add a study of your own with those "
            f"years and without `reproduces` (docs/extending.md; `ningbo_2014_2024` is one)"
        )
    extra = [p for p in study["ports"] if p not in entry["ports"]]
    if extra:
        problems.append(
            f"{key}.ports: {name} reproduces {entry['citation']} {labels}, which compare {', '.join(entry['ports'])}; "
            f"to add {', '.join(extra)}, add a study of your own with those ports and without `reproduces` "
            "(docs/extending.md, `five_ports`)"
        )
    return problems


def _check_trail(key: str, entry: dict, studies: dict) -> list[str]:
    """An audit-trail entry names a study, one of its alternatives and one of its comparisons."""
    study = studies.get(entry["study"])
    if study is None:
        return [f"{key}.study: unknown study {entry['study']!r}"]
    years = [str(y) for y in study_years(study)]
    alternatives = years if study["kind"] == "longitudinal" else study["ports"]
    problems = []
    if str(entry["alternative"]) not in alternatives:
        known = ", ".join(alternatives)
        problems.append(f"{key}.alternative: {entry['alternative']!r} is not an alternative of {entry['study']} ({known})")
    comparisons = study_comparisons(study)
    if "comparison" in entry and str(entry["comparison"]) not in comparisons:
        known = ", ".join(comparisons)
        problems.append(f"{key}.comparison: {entry['comparison']!r} is not a comparison of {entry['study']} ({known})")
    return problems


def _check_robustness(robustness: dict, studies: dict, catalogue: Catalogue) -> list[str]:
    """Sizes that cannot work: more SMAA chunks than draws, or draws whose arrays would not fit in memory."""
    problems = []
    smaa, data = robustness["smaa"], robustness["data"]
    n = len(catalogue.indicators)
    widest = max((len(s["ports"]) for s in studies.values()), default=1)
    longest = max((len(study_years(s)) for s in studies.values()), default=1)
    if smaa["enabled"]:
        draws, chunks = smaa["draws"], smaa["chunks"]
        if chunks > draws:
            problems.append(f"robustness.smaa.chunks: {chunks} chunks for {draws} draws; at most one chunk per draw")
        elif chunks > MAX_CHUNKS:
            problems.append(f"robustness.smaa.chunks: {chunks} chunks would be {chunks} jobs per study; at most {MAX_CHUNKS}")
        need = draws / chunks * (n + 2 * max(widest, longest)) * 8 * 3
        if need > MEMORY_LIMIT:
            problems.append(
                f"robustness.smaa.draws: a chunk would need about {need / 2**30:.0f} GiB; raise chunks or lower draws"
            )
    if data["enabled"]:
        need = data["draws"] * widest * longest * n * 8 * 3
        if need > MEMORY_LIMIT:
            problems.append(f"robustness.data.draws: a job would need about {need / 2**30:.0f} GiB; lower draws")
    return problems + _check_methods(robustness)


def _check_methods(robustness: dict) -> list[str]:
    """The methods the config names are methods of porteval.methods.METHODS (the schema takes any name, so that a
    method is added in one place), and the multiverse's have a form on normalised matrices."""
    problems = []
    for key, names in (
        ("methods.names", robustness["methods"]["names"]),
        ("multiverse.methods", robustness["multiverse"]["methods"]),
    ):
        for i, name in enumerate([] if names == "all" else names):
            if name not in METHODS:
                problems.append(f"robustness.{key}[{i}]: unknown method {name!r} (one of {', '.join(METHODS)}; or all)")
            elif key == "multiverse.methods" and METHODS[name].utility is None:
                problems.append(f"robustness.{key}[{i}]: {name} is not in the multiverse: {METHODS[name].not_in_multiverse}")
    return problems


def _check_data(data: dict, catalogue: Catalogue) -> list[str]:
    """Paths that must exist, and wide-sheet mappings that must name known entities, indicators and sources."""
    problems = []
    raw, sources = Path(data["raw"]), Path(data["sources"])
    if not raw.is_dir():
        problems.append(f"data.raw: {raw} is not a folder")
    unreadable = file_problem(sources)
    if unreadable:
        problems.append(f"data.sources: {sources}: {unreadable}")
    known_sources = set()
    if not unreadable and data["wide_sheets"]:  # read only to check the sheets' source_id
        try:
            known_sources = set(read_csv(sources, dtype=str, keep_default_na=False).get("source_id", []))
        except InputError:
            pass  # the validate rule reports what is wrong with the sources table, line by line
    for i, sheet in enumerate(data["wide_sheets"]):
        key = f"data.wide_sheets[{i}]"
        why = file_problem(sheet["path"])
        if why:
            problems.append(f"{key}.path: {sheet['path']}: {why}")
        entity_known = sheet["entity"] in catalogue.entities
        if not entity_known:
            problems.append(f"{key}.entity: unknown entity {sheet['entity']!r}")
        for label, code in sheet["rows"].items():
            if code not in catalogue.indicators.index:
                problems.append(f"{key}.rows[{label!r}]: unknown indicator {code!r}")
            elif entity_known and catalogue.indicators.at[code, "level"] != catalogue.kind_of(sheet["entity"]):
                level = catalogue.indicators.at[code, "level"]
                problems.append(f"{key}.rows[{label!r}]: {code} is a {level} statistic, {sheet['entity']!r} is not a {level}")
        if known_sources and sheet["source_id"] not in known_sources:
            problems.append(f"{key}.source_id: {sheet['source_id']!r} is not in {sources}")
    return problems


def check_names(studies: dict, catalogue: Catalogue) -> list[str]:
    """Names that become path parts: a study's name is a folder under results/ as it stands (letters, digits, _
    and -, starting with a letter or digit: no "..", no "/", no "{"); an entity's name becomes a file name through
    :func:`entity_slug`, which must give letters, digits and _ only, and no two entities the same one (they would
    share one file, and one series). Each passes :func:`path_name_problem`."""
    problems = []
    for name in studies:
        why = path_name_problem(str(name), _STUDY_NAME, "letters, digits, _ and - only, starting with a letter or digit")
        if why:
            problems.append(f"studies.{name!r}: a study's name is a folder under results/: {why}")
    by_slug: dict[str, list[str]] = {}
    for entity in catalogue.entities:
        slug = entity_slug(str(entity))
        kind = "ports" if entity in catalogue.ports else "cities"
        why = path_name_problem(slug, _SLUG, "letters, digits, spaces, - and . only, starting with a letter or digit")
        if why:
            problems.append(f"catalogue.entities {kind}.{entity!r}: an entity's name becomes a file name ({slug!r}): {why}")
        by_slug.setdefault(slug, []).append(str(entity))
    problems += [
        f"catalogue.entities: {' and '.join(map(repr, names))} give the same file name {slug!r} and would share one "
        "series: rename one"
        for slug, names in by_slug.items()
        if len(names) > 1
    ]
    return problems


def _check_weights_file(path, studies: dict, catalogue: Catalogue) -> list[str]:
    """Problems of a weights file: it must exist, name every catalogue indicator once, sum to 1, and give each
    study's indicators some weight (else its scores would be empty)."""
    if not path:
        return ["weighting.file: mode 'file' needs a weights file"]
    try:
        table = read_csv(path)
    except InputError as err:
        return [f"weighting.file: {err}"]
    if not {"indicator", "weight"} <= set(table.columns):
        return [f"weighting.file: {path} needs columns indicator, weight"]
    problems = []
    twice = sorted(set(table.loc[table["indicator"].duplicated(), "indicator"].astype(str)))
    if twice:
        problems.append(f"weighting.file: {path} names {', '.join(twice)} more than once")
    missing = sorted(set(catalogue.indicators.index) - set(table["indicator"]))
    unknown = sorted(set(table["indicator"]) - set(catalogue.indicators.index))
    if missing:
        problems.append(f"weighting.file: {path} misses indicators {', '.join(missing)}")
    if unknown:
        problems.append(f"weighting.file: {path} names unknown indicators {', '.join(map(str, unknown))}")
    weights = pd.to_numeric(table["weight"], errors="coerce")
    if weights.isna().any() or (weights < 0).any():
        problems.append(f"weighting.file: {path} has weights that are not non-negative numbers")
    elif abs(weights.sum() - 1) > 1e-6:
        problems.append(f"weighting.file: weights in {path} sum to {weights.sum():.6g}, not 1")
    if problems:
        return problems
    by_code = weights.set_axis(table["indicator"])
    for name, study in studies.items():
        codes = study_indicators(study, catalogue)
        if not by_code.reindex(codes).fillna(0).sum() > 0:
            problems.append(
                f"weighting.file: {path} gives the indicators of study {name} ({', '.join(codes)}) no weight; "
                "its scores would be empty"
            )
    return problems


def check_data_reach(studies: dict, catalogue: Catalogue, file_entities, sheet_entities) -> None:
    """Refuse, before any job, a study port (or its city, if the study has city indicators) that no raw file can
    hold: no file is named after it, no wide sheet is declared for it, and every other file is named after another
    entity: every indicator of its level would be left out, or the study would fail in a job. ``file_entities``: the
    entity each raw file is named after, None for a file that may hold several (catalogue.file_entity)."""
    file_entities = list(file_entities)
    if None in file_entities:  # a file named otherwise may hold any entity; only reading it would tell
        return
    reachable = set(file_entities) | set(sheet_entities)
    problems = []
    for name, study in studies.items():
        levels = set(catalogue.indicators.loc[study_indicators(study, catalogue), "level"])
        for port in study["ports"]:
            needed = [port] * ("port" in levels) + [catalogue.ports[port]["city"]] * ("city" in levels)
            for entity in needed:
                if entity not in reachable:
                    problems.append(
                        f"studies.{name}.ports: no raw file holds values for {entity!r} (no data/raw/"
                        f"{entity_slug(entity)}.csv or {entity_slug(entity)}.<label>.csv, no wide sheet for it); "
                        "add its values (docs/extending.md: A new port) or leave the port out"
                    )
    if problems:
        raise ConfigError("; ".join(dict.fromkeys(problems)))

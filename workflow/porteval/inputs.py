"""The one way in for every file the workflow or the ``porteval`` command reads from the user (config files, the
catalogue, raw files, the sources table, reference tables, weights files, the run's records): a regular file of
bounded size, read as UTF-8, with the file named in any error, YAML read by one loader, and JSON schemas compiled once.

It imports nothing of the package, so that every module (and the workflow at parse time) can use it."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import marshal
import os
import stat
import sys
from pathlib import Path

import fastjsonschema
import pandas as pd
import yaml

# Far above any input of this project (the largest raw file is 60 kB, the whole data/ folder under 2 MB), far below
# what would exhaust memory once pandas holds it: /dev/zero or a multi-gigabyte file is refused, not read.
MAX_BYTES = 64 * 2**20


def one_line(text: str) -> str:
    """``text`` with every character that is not printable (a line break, a tab, a control or bidi character in a
    name or key taken from a file) as its escape, so that a message stays one line and says what is there."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class InputError(ValueError):
    """A file that cannot be read as asked, with the file (and the line, where there is one) in its one-line message."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "a device, not a regular file"


def file_problem(path) -> str | None:
    """Why ``path`` is not a regular file that can be read (no such file, a dangling link, a folder, a pipe, a
    socket, a device), in words; None when it is one. Nothing is opened."""
    try:
        kind = _kind(os.stat(path).st_mode)
    except FileNotFoundError:
        return "a link to a file that does not exist" if os.path.islink(path) else "no such file"
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    return kind


def read_bytes(path, limit: int = MAX_BYTES) -> bytes:
    """The content of ``path``, which must be a regular file of at most ``limit`` bytes: a folder, a pipe, a socket
    or a device is refused before it is opened (a pipe would hang, /dev/zero fill memory), and checked again on the
    opened file (it may have been swapped in between). Raises InputError naming the file."""
    name = str(path)
    why = file_problem(path)
    if why:
        raise InputError(f"{name}: {why}")
    size = os.stat(path).st_size
    if size > limit:
        raise InputError(f"{name}: {size:,} bytes; an input of more than {limit:,} bytes is refused")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    with os.fdopen(fd, "rb") as fh:
        kind = _kind(os.fstat(fh.fileno()).st_mode)
        if kind:
            raise InputError(f"{name}: {kind}")
        try:
            data = fh.read(limit + 1)
        except OSError as err:
            raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None
    if len(data) > limit:
        raise InputError(f"{name}: grew past {limit:,} bytes while it was read; an input that large is refused")
    return data


def decode(name: str, data: bytes) -> str:
    """``data`` as UTF-8 text, or InputError naming the file and the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(f"{name}, line {line}: not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8") from None


def read_text(path, limit: int = MAX_BYTES) -> str:
    """A regular file of at most ``limit`` bytes (read_bytes) as UTF-8 text; InputError names the file and line."""
    return decode(str(path), read_bytes(path, limit))


def read_csv(path, **options) -> pd.DataFrame:
    """A CSV file the user gave, read through read_text and pandas.read_csv (``options``); a file pandas cannot
    parse, or an empty one, is an InputError naming it."""
    text = read_text(path)
    try:
        return pd.read_csv(io.StringIO(text), **options)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: empty; a CSV file starts with its header row") from None
    except (pd.errors.ParserError, ValueError) as err:
        raise InputError(f"{path}: cannot be read as CSV: {str(err).strip().splitlines()[0]}") from None


# libyaml's safe loader where PyYAML has it (its wheels do): read about ten times faster, which every start of the
# workflow (a no-op run too) pays for each YAML file it reads. It takes a few documents the pure-Python loader refuses
# (b"0\t"), so a config file, which Snakemake reads with that one, is read with both (configcheck.check_yaml).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter writes the same text, faster
_MERGE = "tag:yaml.org,2002:merge"


class _Checks:
    """What the one loader adds to YAML's safe loader (no Python objects; merge keys ``<<: *anchor`` as YAML defines
    them): it refuses a key given twice in one mapping (the plain loader keeps the last silently) and a key that is
    not text (``yes:`` is the boolean true, ``2014:`` a number: every key of this project's files is a name)."""

    def construct_mapping(self, node, deep=False):
        own = [key for key, _ in node.value if key.tag != _MERGE]
        seen = set()
        for key_node in own:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key_node.value!r} is read as {type(key).__name__} {key!r}, not as a name: "
                    f"quote it ('{key_node.value}')", key_node.start_mark
                )  # fmt: skip
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice (the second would silently win)", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class _Loader(_Checks, SAFE_LOADER):
    """The one loader: libyaml's where PyYAML has it."""


class _PureLoader(_Checks, yaml.SafeLoader):
    """The one loader in pure Python, as Snakemake reads a config file."""


def load_yaml(name: str, text: str, pure: bool = False) -> object:
    """YAML text (from the file ``name``) through the one loader (``pure``: its pure-Python form); InputError naming
    the file, line and column."""
    try:
        return yaml.load(text, Loader=_PureLoader if pure else _Loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(f"{name}{where}: {err.problem or err.context}") from None
    except (yaml.YAMLError, RecursionError) as err:
        raise InputError(f"{name}: not a YAML file this project can read ({type(err).__name__})") from None


def read_yaml(path) -> object:
    """A YAML file, read through read_text and the one loader (load_yaml)."""
    return load_yaml(str(path), read_text(path))


SCHEMA_CACHE = Path(".snakemake/porteval-schema")


def schema_validator(schema: dict):
    """fastjsonschema's validator of ``schema``. Generating and compiling its code took 40 ms of every start; the
    compiled code is kept under .snakemake/ (where Snakemake has run), keyed by the schema, fastjsonschema's version
    and Python's, and made again when it is missing or unreadable."""
    key = hashlib.sha256(f"{json.dumps(schema, sort_keys=True)} {fastjsonschema.VERSION} {sys.version}".encode()).hexdigest()
    cache = SCHEMA_CACHE / f"{key[:24]}.marshal"
    try:
        code = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = compile(fastjsonschema.compile_to_code(schema, use_default=True), "<porteval schema>", "exec")
        if SCHEMA_CACHE.parent.is_dir():
            with contextlib.suppress(OSError):  # a read-only .snakemake/: compiled again at the next start
                SCHEMA_CACHE.mkdir(exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps(code))
                tmp.replace(cache)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (fastjsonschema's own code for our schema, as fastjsonschema.compile runs it)
    return namespace["validate"]

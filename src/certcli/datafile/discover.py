"""Which files `certcli check DIR` checks: the YAML files that say they are
certcli data files, decided by reading them as YAML.

A file is a certcli data file when its top-level mapping has a key `format`
whose value starts with `certcli/`, as the YAML parser reads it: quoted keys
(`"format": "certcli/1"`), `format : certcli/1`, a flow mapping, a byte-order
mark and any amount of comments before it all count. At most the size limit of
a data file is read, and parsing stops at that key. A file the parser refuses
before it reaches the key counts when its text holds `certcli/` anywhere, so
that a broken data file is reported rather than passed over.

A search passes over hidden files and directories (`.git`, `.venv`), virtual
environments (a directory holding `pyvenv.cfg`, whatever its name),
`node_modules` and `site-packages` (an installed certcli's bundled example is
not the user's data), and what the nearest `pyproject.toml` at or above the
searched directory (up to the repository's root) excludes, ruff's way:

    [tool.certcli]
    exclude = ["tests/data", "bench/out"]

Each pattern is a shell-style glob (`fnmatch`): one with a `/` is matched
against the path relative to the `pyproject.toml`'s directory, one without
against the entry's name at any depth. An excluded directory is not entered.
A path named on the command line is never excluded.

Everything else is data for the report: the files skipped as not certcli files,
the entries left out by an exclusion, and warnings for entries that cannot be
looked at (a dangling symlink, a directory that cannot be listed).
"""

from __future__ import annotations

import errno
import functools
import io
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from certcli.core.inputs import remember_input
from certcli.core.text import shown_path

DATA_SUFFIXES = (".yaml", ".yml")  # in any case: *.YAML counts too
VENV_MARKER = "pyvenv.cfg"  # what makes a directory a virtual environment
NEVER_SEARCHED = frozenset({"node_modules", "site-packages"})
CONFIG_FILE = "pyproject.toml"
FORMAT_KEY = "format"
FORMAT_PREFIX = "certcli/"
# The common case, decided without the parser: after blank lines, comments,
# directives and `---`, the first line of the file is `format: certcli/…`, the
# first key of the top-level mapping.
_PLAIN_FIRST_KEY = re.compile(
    r"(?:[ \t]*(?:#[^\n]*)?\r?\n|%[^\n]*\n|---[ \t]*\r?\n)*"
    r"format:[ \t]+[\"']?certcli/"
)


@dataclass
class Discovery:
    """The files to check (path, as shown), and what was left out and why."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # YAML, not certcli files
    warnings: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)  # by [tool.certcli] exclude


@dataclass(frozen=True)
class Exclusions:
    """`[tool.certcli] exclude` of one `pyproject.toml` (see the module's
    docstring); no patterns when there is none."""

    root: Path  # the directory the patterns are relative to
    patterns: tuple[str, ...] = ()
    config: str = ""  # the pyproject.toml they come from, as shown

    def excludes(self, path: Path) -> bool:
        try:
            relative = Path(os.path.relpath(os.path.abspath(path), self.root))
        except ValueError:  # another drive
            return False
        where = relative.as_posix()
        return any(
            fnmatchcase(where, pattern.strip("/"))
            if "/" in pattern.strip("/")
            else fnmatchcase(path.name, pattern)
            for pattern in self.patterns
        )


def exclusions_for(directory: Path) -> Exclusions:
    """The exclusions of the nearest `pyproject.toml` with a `[tool.certcli]`
    table, at or above `directory` up to the repository's root; raises
    DataError, located, for one certcli cannot read."""
    start = Path(os.path.abspath(directory))
    for candidate in (start, *start.parents):
        config = candidate / CONFIG_FILE
        if config.is_file():
            patterns = _read_exclude(config)
            if patterns is not None:
                return Exclusions(candidate, patterns, str(config))
        if (candidate / ".git").exists():
            break
    return Exclusions(start)


def _read_exclude(config: Path) -> tuple[str, ...] | None:
    """`[tool.certcli] exclude` of a pyproject.toml; None without the table."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same parser, before it joined the standard library
        import tomli as tomllib

    from certcli.core.errors import DataError, Problem

    shown = os.path.relpath(config)
    if shown.startswith(".."):
        shown = str(config)
    try:
        with config.open("rb") as stream:
            status = os.fstat(stream.fileno())
            # No output of this run replaces the configuration it read.
            remember_input(status.st_dev, status.st_ino)
            text = stream.read().decode("utf-8")
        table = tomllib.loads(text).get("tool", {}).get("certcli")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError([Problem(shown, 1, 1, "", f"cannot read it: {err}")]) from None
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        end = max(1, len(text.splitlines()))  # "(at end of document)"
        line, column = (int(at[1]), int(at[2])) if at else (end, 1)
        message = str(err).split(" (at ")[0]
        raise DataError([Problem(shown, line, column, "", message)]) from None
    if table is None:
        return None
    line = next(
        (n for n, row in enumerate(text.splitlines(), 1) if row.startswith("exclude")),
        1,
    )
    unknown = sorted(set(table) - {"exclude"}) if isinstance(table, dict) else []
    if unknown:
        raise DataError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "tool.certcli",
                    f"unknown key {unknown[0]!r}; certcli reads only exclude",
                )
            ]
        )
    patterns = table.get("exclude", []) if isinstance(table, dict) else None
    if not isinstance(patterns, list) or not all(
        isinstance(p, str) and p.strip("/") for p in patterns
    ):
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    1,
                    "tool.certcli.exclude",
                    'expected a list of glob patterns, e.g. ["tests/data"]',
                )
            ]
        )
    return tuple(patterns)


def is_data_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(DATA_SUFFIXES)


def discover(paths: Iterable[Path]) -> Discovery:
    """The files to check: files as given, directories searched recursively.

    A directory contributes every *.yaml / *.yml below it (hidden files and
    directories, virtual environments and exclusions skipped, symlinked
    directories not followed) that is a certcli data file; a file named on
    the command line is always checked. Each file
    is checked once, however often and under whatever names (a symlink, a hard
    link) it is given.
    """
    result = Discovery()
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            before = len(found)
            _search(path, found, result)
            if len(found) == before:
                found.append((path, shown_path(path)))
        else:
            found.append((path, shown_path(path)))
    seen: set[object] = set()
    for path, shown in found:
        key = _identity(path)
        if key not in seen:
            seen.add(key)
            result.files.append((path, shown))
    result.files.sort(key=lambda item: item[1])
    return result


def _identity(path: Path) -> object:
    """The file itself (device and inode), else its absolute path."""
    try:
        status = os.stat(path)
    except OSError:
        return os.path.normcase(os.path.abspath(path))
    return (status.st_dev, status.st_ino)


def _search(directory: Path, found: list[tuple[Path, str]], result: Discovery) -> None:
    def unlisted(err: OSError) -> None:
        where = err.filename if err.filename is not None else directory
        reason = err.strerror or str(err)
        result.warnings.append(
            f"{shown_path(where)}: cannot list this directory ({reason})"
        )

    top = os.path.realpath(directory)

    exclusions = exclusions_for(directory)

    def searched(path: Path) -> bool:
        if path.name.startswith(".") or path.name in NEVER_SEARCHED:
            return False
        # os.path.exists, not Path.exists: a directory that cannot be
        # listed raises there, and is reported by os.walk's onerror instead.
        if os.path.exists(path / VENV_MARKER):
            return False
        if exclusions.excludes(path):
            result.excluded.append(f"{shown_path(path)}/")
            return False
        return True

    for root, dirs, files in os.walk(directory, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if searched(Path(root) / d))
        for name in sorted(files):
            if not is_data_name(name):
                continue
            path = Path(root) / name
            if exclusions.excludes(path):
                result.excluded.append(shown_path(path))
                continue
            if path.is_symlink():
                reason = _link_refusal(path, top)
                if reason is not None:
                    result.warnings.append(f"{shown_path(path)}: {reason}, not checked")
                    continue
            if not path.is_file():
                # Never opened: a FIFO nobody writes to would hang the run.
                result.warnings.append(
                    f"{shown_path(path)}: not a regular file, not checked"
                )
                continue
            if declares_format(path):
                found.append((path, shown_path(path)))
            else:
                result.skipped.append(shown_path(path))


def _link_refusal(link: Path, top: str) -> str | None:
    """Why a symlinked file found in a directory is not checked, or None: a
    link that leads nowhere, a loop of links, or a link whose real path is
    outside the real path `top` of the directory searched (a link to a file
    elsewhere on the system is never opened)."""
    try:
        real = os.path.realpath(link, strict=True)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symlink loop"
        return "dangling symlink"
    if os.path.commonpath([top, real]) != top:
        return "symlink to a file outside the directory searched"
    return None


def declares_format(path: Path) -> bool:
    """Whether the file is a certcli data file (see the module's docstring).

    A file that cannot be read counts, so that the loader says why.
    """
    from certcli.datafile.located import max_bytes

    try:
        with path.open("rb") as handle:
            head = handle.read(max_bytes())
    except OSError:
        return True
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    if _PLAIN_FIRST_KEY.match(text):
        return True  # the usual first line: no need to parse
    if FORMAT_PREFIX not in text and "\\" not in text:
        return False  # no such value, not even written with escapes
    decided = _top_level_format(text)
    if decided is None:
        return FORMAT_PREFIX in text
    return decided


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    """One YAML 1.2 event parser (libyaml when installed) for every file: making
    one looks for plug-ins on disk, which cost more than reading a file's head."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.version = (1, 2)
    return yaml


def _top_level_format(text: str) -> bool | None:
    """True/False when the parser finds the top-level mapping's `format` key
    (or finds there is none); None when it fails before it can tell."""
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        DocumentEndEvent,
        MappingStartEvent,
        ScalarEvent,
    )

    yaml = _parser()
    depth = 0  # collections open; the top-level mapping is depth 1
    is_key = True  # at depth 1: whether the next node is a key
    key_is_format = False
    try:
        for event in yaml.parse(io.StringIO(text)):
            if isinstance(event, DocumentEndEvent):
                return False
            if depth == 0 and isinstance(event, CollectionStartEvent):
                if not isinstance(event, MappingStartEvent):
                    return False
                depth = 1
                continue
            if depth == 0:
                if isinstance(event, ScalarEvent | AliasEvent):
                    return False
                continue
            if depth == 1 and isinstance(event, ScalarEvent | AliasEvent):
                if is_key:
                    key_is_format = isinstance(event, ScalarEvent) and (
                        event.value == FORMAT_KEY
                    )
                elif key_is_format:
                    return isinstance(event, ScalarEvent) and str(
                        event.value
                    ).startswith(FORMAT_PREFIX)
                is_key = not is_key
            elif isinstance(event, CollectionStartEvent):
                if depth == 1 and key_is_format and not is_key:
                    return False
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    return False
                if depth == 1:
                    is_key = not is_key
    except YAMLError:
        return None
    return None

"""Broken data files are refused with their exact located messages, by every command.

tests/data/bad/NAME.yaml is a broken file; NAME.expected holds the exact lines
certcli must write to stderr for it, with the file's path written as `{file}`.
tests/data/good/ holds files that must load. Inputs that cannot be committed
(a directory, a missing file, a FIFO, a device, an unreadable file, a file
whose read fails, a file over the size limit) are made here, in a temporary
directory.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.loaded.loader import load
from conftest import Run

DATA = Path(__file__).parent / "data"
BAD = sorted((DATA / "bad").glob("*.yaml"))
GOOD = sorted((DATA / "good").glob("*.yaml"))
LOCATED = re.compile(r"^\{file\}:[1-9][0-9]*:[1-9][0-9]*: ")

# The commands that read a file, each given the file the way a user would give it.
COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "check": lambda file: ["check", file],
    "timeline": lambda file: ["timeline", "--data", file],
    "margin": lambda file: ["margin", "--data", file, "--candidate", "X"],
    "audit": lambda file: ["audit", "--data", file],
}


def expected(path: Path, shown: str) -> list[str]:
    text = path.with_suffix(".expected").read_text(encoding="utf-8")
    return text.replace("{file}", shown).splitlines()


def assert_refused(run: Run, command: str, lines: list[str]) -> None:
    """Exit 2, the exact located lines on stderr, and never a traceback."""
    assert "Traceback" not in run.out + run.err
    assert "internal error" not in run.err
    assert run.code == 2, run.err
    if command == "check":
        # check also prints its summary (stdout and stderr); the problems are
        # each a line of their own on stderr.
        got = run.err.splitlines()
        assert [line for line in lines if line not in got] == []
    else:
        assert (run.out, run.err.splitlines()) == ("", lines)


# --- the corpus itself ----------------------------------------------------------


def test_corpus_has_at_least_forty_files_each_with_its_expectation() -> None:
    assert len(BAD) >= 40
    stems = {path.stem for path in BAD}
    expectations = {path.stem for path in (DATA / "bad").glob("*.expected")}
    assert stems == expectations


@pytest.mark.parametrize("path", BAD, ids=lambda path: path.stem)
def test_expectations_are_located_lines(path: Path) -> None:
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert lines
    assert [line for line in lines if not LOCATED.match(line)] == []


@pytest.mark.parametrize("path", BAD, ids=lambda path: path.stem)
def test_bad_file_is_refused_with_exact_located_messages(path: Path) -> None:
    with pytest.raises(DataError) as refused:
        load(path)
    assert [str(problem) for problem in refused.value.problems] == expected(
        path, str(path)
    )


@pytest.mark.parametrize("path", GOOD, ids=lambda path: path.stem)
def test_good_file_loads(path: Path) -> None:
    contest = load(path)
    assert contest.model.format == "certcli/1"
    assert contest.file == str(path)


def test_three_independent_mistakes_are_all_reported_at_their_places() -> None:
    path = DATA / "bad" / "three-mistakes.yaml"
    with pytest.raises(DataError) as refused:
        load(path, display="f.yaml")
    assert [
        (p.line, p.column, p.path, p.message.split(" (")[0].split(";")[0])
        for p in refused.value.problems
    ] == [
        (7, 3, "election.ofice", "unknown key 'ofice'"),
        (8, 17, "election.election_day", "'2024-02-30' is not a calendar date"),
        (27, 16, "claims[0].candidate", "unknown candidate 'Linus'"),
    ]


# --- every command, every broken file ---------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("path", BAD, ids=lambda path: path.stem)
def test_every_command_refuses_every_bad_file(
    certcli: Callable[..., Run], path: Path, command: str
) -> None:
    shown = str(path)
    assert_refused(certcli(*COMMANDS[command](shown)), command, expected(path, shown))


# --- inputs that are not files one can commit ------------------------------------


@pytest.fixture
def unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data file that cannot be opened for reading (chmod 000).

    Root (or CAP_DAC_OVERRIDE) reads it regardless of its mode; there, opening
    it is made to fail the way it fails for everyone else, with EACCES.
    """
    path = tmp_path / "unreadable.yaml"
    shutil.copyfile(DATA / "good" / "minimal.yaml", path)
    path.chmod(0)
    if os.access(path, os.R_OK):
        real_open = os.open

        def refuse(file: object, flags: int, *args: object, **kwargs: object) -> int:
            if isinstance(file, (str, os.PathLike)) and Path(file) == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(file))
            return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
    yield path
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


@pytest.fixture
def read_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data file that opens but whose read() fails (EIO, as on a bad disk)."""
    path = tmp_path / "bad-disk.yaml"
    shutil.copyfile(DATA / "good" / "minimal.yaml", path)
    inode = path.stat().st_ino
    real_read = os.read

    def fail(handle: int, size: int) -> bytes:
        if os.fstat(handle).st_ino == inode:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(handle, size)

    monkeypatch.setattr(os, "read", fail)
    return path


def _special(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    if kind == "directory":
        return tmp_path
    if kind == "missing":
        return tmp_path / "missing.yaml"
    if kind == "fifo":
        path = tmp_path / "fifo.yaml"
        os.mkfifo(path)
        return path
    if kind == "device":
        return Path(os.devnull)
    if kind == "oversized":
        request.getfixturevalue("monkeypatch").setenv("CERTCLI_MAX_BYTES", "100")
        return DATA / "good" / "minimal.yaml"
    return Path(request.getfixturevalue(kind))


SPECIAL = {
    "directory": "is a directory; expected a YAML data file",
    "missing": "no such file",
    # Opened without blocking: a FIFO nobody writes to must not hang certcli.
    "fifo": "is not a regular file but a pipe (FIFO)",
    "device": "is not a regular file but a device",
    "unreadable": "permission denied; cannot read the file",
    "read_fails": "cannot read the file (Input/output error)",
    "oversized": "file is larger than the limit of 100 bytes"
    " (set CERTCLI_MAX_BYTES to raise it)",
}


@pytest.mark.parametrize("kind", SPECIAL)
def test_unusable_path_is_a_located_data_error(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    path = _special(kind, tmp_path, request)
    with pytest.raises(DataError) as refused:
        load(path)
    assert [str(p) for p in refused.value.problems] == [f"{path}:1:1: {SPECIAL[kind]}"]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", SPECIAL)
def test_every_command_refuses_an_unusable_path(
    certcli: Callable[..., Run],
    kind: str,
    command: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    path = _special(kind, tmp_path, request)
    message = SPECIAL[kind]
    if (command, kind) == ("check", "directory"):
        # check searches a directory for data files; an empty one is an error.
        message = (
            "no certcli data files (*.yaml or *.yml with format: certcli/1)"
            " in this directory"
        )
    run = certcli(*COMMANDS[command](str(path)))
    assert_refused(run, command, [f"{path}:1:1: {message}"])

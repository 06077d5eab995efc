"""Nothing certcli is given is modified; what it writes is written atomically.

Every command, in every format, leaves its data file's bytes, mode and mtime as
they were, good file or broken; `-o` goes through a temporary file in the same
directory and a rename, so an interrupted or failed write leaves the old file
whole and no temporary file behind; and `-o` never replaces a data file.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.commands import BUNDLED_NOTICE
from certcli.core.errors import UsageError
from certcli.core.output import write_atomically
from conftest import BUNDLED_RESULTS, Run, copy_bundled_results

HERE = Path(__file__).parent
BUNDLED = HERE.parent / "data" / "events.yaml"
BAD = sorted((HERE / "data" / "bad").glob("*.yaml"))
OLD = 1_000_000_000  # 2001-09-09: an mtime no run of the tests can produce

RUNS = {
    "timeline-table": ["timeline", "--data", "{data}", "--as-of", "2020-11-22"],
    "timeline-json": ["timeline", "--data", "{data}", "-f", "json"],
    "timeline-markdown": ["timeline", "--data", "{data}", "-f", "markdown"],
    "timeline-ics": ["timeline", "--data", "{data}", "-f", "ics"],
    "margin-table": ["margin", "--data", "{data}", "--candidate", "Biden"],
    "margin-json": ["margin", "--data", "{data}", "--candidate", "trump", "-f", "json"],
    "audit-table": ["audit", "--data", "{data}", "--sampled", "Biden=10"],
    "audit-json": ["audit", "--data", "{data}", "-f", "json"],
    "check-text": ["check", "{data}", "--as-of", "2020-12-31"],
    "check-json": ["check", "{data}", "-f", "json"],
    "check-github": ["check", "{data}", "-f", "github"],
    "check-sarif": ["check", "{data}", "-f", "sarif"],
}


def snapshot(path: Path) -> tuple[bytes, int, int]:
    status = path.stat()
    return path.read_bytes(), status.st_mode, status.st_mtime_ns


def planted(tmp_path: Path, source: Path) -> Path:
    """A copy of `source` with an old mtime, alone in its own directory (with
    the results files it reads, for the bundled data file)."""
    directory = tmp_path / "data"
    directory.mkdir()
    if source == BUNDLED:
        copy_bundled_results(directory)
        for name in BUNDLED_RESULTS:
            os.utime(directory / name, ns=(OLD, OLD))
    path = directory / source.name
    shutil.copyfile(source, path)
    path.chmod(0o644)
    os.utime(path, ns=(OLD, OLD))
    return path


def given(data: Path) -> list[str]:
    """The files in the data file's directory before certcli runs."""
    results = (
        list(BUNDLED_RESULTS) if (data.parent / BUNDLED_RESULTS[0]).exists() else []
    )
    return sorted([data.name, *results])


def argv(run: str, data: Path) -> list[str]:
    return [str(data) if arg == "{data}" else arg for arg in RUNS[run]]


@pytest.mark.parametrize("run", RUNS)
def test_commands_leave_the_data_file_as_it_was(
    certcli: Callable[..., Run], tmp_path: Path, run: str
) -> None:
    data = planted(tmp_path, BUNDLED)
    results = [data.parent / name for name in BUNDLED_RESULTS]
    before = [snapshot(path) for path in [data, *results]]
    result = certcli(*argv(run, data))
    assert result.code in {0, 1}, result.err
    assert [snapshot(path) for path in [data, *results]] == before
    assert sorted(os.listdir(data.parent)) == given(data)


@pytest.mark.parametrize("command", ["check", "timeline", "margin"])
@pytest.mark.parametrize("bad", BAD, ids=lambda path: path.stem)
def test_broken_files_are_left_as_they_were(
    certcli: Callable[..., Run], tmp_path: Path, bad: Path, command: str
) -> None:
    data = planted(tmp_path, bad)
    before = snapshot(data)
    args = {
        "check": ["check", data],
        "timeline": ["timeline", "--data", data],
        "margin": ["margin", "--data", data, "--candidate", "X"],
    }[command]
    assert certcli(*args).code == 2
    assert snapshot(data) == before
    assert sorted(os.listdir(data.parent)) == given(data)


@pytest.mark.parametrize("run", [name for name in RUNS if not name.endswith("table")])
def test_output_file_holds_what_stdout_would(
    certcli: Callable[..., Run], tmp_path: Path, run: str
) -> None:
    data = planted(tmp_path, BUNDLED)
    before = snapshot(data)
    to_stdout = certcli(*argv(run, data))
    target = data.parent / "out.txt"
    to_file = certcli(*argv(run, data), "-o", target)
    assert (to_file.code, to_file.out) == (to_stdout.code, "")
    assert target.read_bytes().decode("utf-8") == to_stdout.out
    assert snapshot(data) == before
    assert sorted(os.listdir(data.parent)) == sorted([*given(data), "out.txt"])


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "--data", "{data}", "-f", "ics", "-o", "{target}"],
        [
            "margin",
            "--data",
            "{data}",
            "--candidate",
            "Biden",
            "-f",
            "json",
            "-o",
            "{target}",
        ],
        ["check", "{data}", "-f", "json", "-o", "{target}"],
    ],
    ids=["timeline", "margin", "check"],
)
@pytest.mark.parametrize("through_link", [False, True], ids=["file", "symlink"])
def test_output_never_replaces_the_data_file(
    certcli: Callable[..., Run], tmp_path: Path, command: list[str], through_link: bool
) -> None:
    data = planted(tmp_path, BUNDLED)
    before = snapshot(data)
    target = data
    if through_link:
        target = tmp_path / "link.yaml"
        target.symlink_to(data)
    args = [
        str(data) if arg == "{data}" else str(target) if arg == "{target}" else arg
        for arg in command
    ]
    result = certcli(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        f"Error: -o {target} is a file certcli read in this run; certcli never"
        " overwrites its input, choose another output file\n"
    )
    assert snapshot(data) == before
    assert sorted(os.listdir(data.parent)) == given(data)


def test_output_never_replaces_the_configuration_the_search_read(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    planted(tmp_path, BUNDLED)
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.certcli]\nexclude = ["drafts"]\n', encoding="utf-8")
    before = snapshot(config)
    result = certcli("check", "-f", "json", "-o", "pyproject.toml")
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "Error: -o pyproject.toml is a file certcli read in this run; certcli"
        " never overwrites its input, choose another output file\n"
    )
    assert snapshot(config) == before


def test_output_into_a_missing_directory_is_a_usage_error(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "out.json"
    result = certcli("timeline", "-f", "json", "-o", target)
    assert (result.code, result.out, result.err) == (
        2,
        "",
        BUNDLED_NOTICE + f"Error: cannot write {target}: No such file or directory\n",
    )


# --- atomic writes ------------------------------------------------------------------


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    target = tmp_path / "out.ics"
    target.write_bytes(b"old calendar\n")
    target.chmod(0o640)
    return target


def fail_with(error: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("replace", OSError(errno.EXDEV, "Invalid cross-device link")),
        ("replace", KeyboardInterrupt()),
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", KeyboardInterrupt()),
        ("chmod", OSError(errno.EPERM, "Operation not permitted")),
    ],
    ids=[
        "replace-fails",
        "replace-interrupted",
        "disk-full",
        "write-interrupted",
        "chmod",
    ],
)
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    old_output: Path, monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException
) -> None:
    monkeypatch.setattr(os, step, fail_with(error))
    expected = UsageError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected) as raised:
        write_atomically(old_output, "new calendar\n" * 1000)
    if isinstance(error, OSError):
        assert str(raised.value) == f"cannot write {old_output}: {error.strerror}"
    assert old_output.read_bytes() == b"old calendar\n"
    assert os.listdir(old_output.parent) == [old_output.name]


def test_a_write_cut_short_midway_leaves_the_old_file(
    old_output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies after part of the content reached the temporary file."""
    real_write = os.write

    def torn(handle: int, data: bytes | memoryview) -> int:
        real_write(handle, data[: len(data) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", torn)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(old_output, "new calendar\n" * 1000)
    assert old_output.read_bytes() == b"old calendar\n"
    assert os.listdir(old_output.parent) == [old_output.name]


def test_an_interrupted_run_leaves_the_old_output(
    certcli: Callable[..., Run],
    tmp_path: Path,
    old_output: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = planted(tmp_path, BUNDLED)
    monkeypatch.setattr(os, "replace", fail_with(KeyboardInterrupt()))
    result = certcli("timeline", "--data", data, "-f", "ics", "-o", old_output)
    assert (result.code, result.out, result.err) == (2, "", "\nInterrupted.\n")
    assert old_output.read_bytes() == b"old calendar\n"
    assert sorted(os.listdir(tmp_path)) == ["data", old_output.name]


def test_a_replaced_file_keeps_its_mode(old_output: Path) -> None:
    write_atomically(old_output, b"new calendar\n")
    assert old_output.read_bytes() == b"new calendar\n"
    assert old_output.stat().st_mode & 0o777 == 0o640
    assert os.listdir(old_output.parent) == [old_output.name]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        write_atomically(tmp_path / "new.json", "{}\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["new.json"]

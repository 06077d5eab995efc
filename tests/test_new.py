"""`certcli new`: a first data file that `certcli check` accepts, written
atomically and never over an existing file."""

from __future__ import annotations

import errno
import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
PENNSYLVANIA = [
    "--jurisdiction",
    "Pennsylvania",
    "--office",
    "President",
    "--election-day",
    "2024-11-05",
    "--timezone",
    "America/New_York",
    "--subdivision",
    "PA",
]


@pytest.mark.parametrize(
    "more",
    [
        [],
        ["--candidate", "Harris=Kamala Harris", "--candidate", "Trump=Donald J. Trump"],
        # text that YAML would read otherwise if it were written plain
        [
            "--candidate",
            'ONeil=Pat "P.J." O\'Neil: # 1',
            "--candidate",
            "Yes=No",
            "--candidate",
            "3=Third",
        ],
    ],
)
def test_the_starter_file_passes_check(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    more: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    made = certcli("new", *PENNSYLVANIA, *more)
    assert (made.code, made.out, made.err) == (0, "", "")
    written = tmp_path / "pennsylvania-2024-president.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# certcli data file: 2024 President election in")
    checked = certcli("check", "--as-of", "2024-12-31", "-f", "json")
    assert checked.code == 0, checked.err
    report = json.loads(checked.out)
    assert report["summary"]["claims"] == 3
    assert report["summary"]["consistent"] == 3
    assert not report["findings"]
    # one recount rule, one tally, and the usual deadlines as relative dates
    assert text.count("  - id: requested-recount\n") == 1
    stages = r"^  - id: (\S+)\n(?:    #.*\n)*    stage:"
    assert re.findall(stages, text, re.MULTILINE) == ["certified"]
    assert "date: {after: election-day, days: 21}" in text


def test_an_existing_file_is_never_replaced(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my own work\n", encoding="utf-8")
    run = certcli("new", *PENNSYLVANIA, "-o", target)
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"Error: {target} exists; it is never replaced (choose another name, or"
        " remove it)\n"
    )
    assert target.read_text(encoding="utf-8") == "my own work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]


def test_dash_writes_to_stdout(certcli: Callable[..., Run], tmp_path: Path) -> None:
    run = certcli("new", *PENNSYLVANIA, "--id", "pa-2024", "-o", "-")
    assert (run.code, run.err) == (0, "")
    assert "\n  id: pa-2024\n" in run.out
    assert "calendar: {country: US, subdivision: PA}" in run.out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ["--timezone", "Eastern"],
            "Error: the options do not make a valid file: election.timezone: unknown"
            " IANA time zone"
            " 'Eastern' (e.g. America/New_York)\n",
        ),
        (
            ["--candidate", "Harris=Kamala Harris"],
            "give --candidate at least twice, or not at all",
        ),
        (["--candidate", "Harris"], "'Harris' is not KEY=NAME"),
        (["--election-day", "2024-11-31"], "November 2024 has no day 31"),
        (["--id", "pa 2024"], "election.id: expected an id"),
        (["--office", " "], "Error: --office is blank; give its name"),
        (["--jurisdiction", ""], "Error: --jurisdiction is blank; give its name"),
        (
            ["--candidate", "A=One", "--candidate", "A=Two"],
            "Error: --candidate key 'A' is given twice",
        ),
        (
            ["--election-day", "9999-12-31"],
            "Invalid value for --election-day: 9999-12-31 is too late",
        ),
        (
            ["--timezone", "\x1b[31m"],
            "election.timezone: unknown IANA time zone '\\x1b[31m'",
        ),
        (
            ["--subdivision", "PA}, x: {y"],
            "election.calendar.subdivision:",
        ),
        (
            ["--jurisdiction", "Zo\x9b2J"],
            "Error: --jurisdiction 'Zo\\x9b2J' holds a control or invisible"
            " character; give the name as it is written",
        ),
        (
            ["--candidate", "A=Ann\u202eX", "--candidate", "B=Bob"],
            "Error: --candidate 'A=Ann\\u202eX' holds a control or invisible",
        ),
    ],
)
def test_options_that_cannot_make_a_file_are_usage_errors(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    args = PENNSYLVANIA.copy()
    if change[0] in args:
        args[args.index(change[0]) + 1] = change[1]
    else:
        args += change
    run = certcli("new", *args)
    assert (run.code, run.out) == (2, "")
    assert message in run.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "office", "country", "expected_id"),
    [
        ("東京", "知事", "JP", "election-2024"),  # no letter the id can keep
        ("Ελλάδα", "Πρόεδρος", "GR", "election-2024"),
        ("Norge", "Storting", "NO", "norge-2024-storting"),  # NO, not false
    ],
)
def test_a_jurisdiction_in_any_script_gets_a_file_that_passes_check(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    office: str,
    country: str,
    expected_id: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    made = certcli(
        "new",
        *("--jurisdiction", where, "--office", office, "--country", country),
        *("--election-day", "2024-11-05", "--timezone", "Europe/Athens"),
    )
    assert (made.code, made.err) == (0, "")
    assert [path.name for path in tmp_path.iterdir()] == [f"{expected_id}.yaml"]
    checked = certcli("check", "--as-of", "2024-12-31")
    assert checked.code == 0, checked.err


def test_a_fifo_or_a_device_is_written_in_place(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    run = certcli("new", *PENNSYLVANIA, "-o", os.devnull)
    assert (run.code, run.out, run.err) == (0, "", "")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    read: list[bytes] = []
    reader = threading.Thread(
        target=lambda: read.append(fifo.read_bytes()), daemon=True
    )
    reader.start()
    run = certcli("new", *PENNSYLVANIA, "-o", str(fifo))
    reader.join(timeout=10)
    assert (run.code, run.err) == (0, "")
    assert read[0].startswith(b"# certcli data file: 2024 President election in")
    assert fifo.is_fifo()


def test_the_docs_walk_through_it_in_under_100_lines() -> None:
    """docs/commands/new.md: the walk-through, then the generated help."""
    page = (ROOT / "docs" / "commands" / "new.md").read_text(encoding="utf-8")
    walk = page.split("<!-- generated: certcli new --help -->")[0]
    assert walk.startswith("# Your first data file: `certcli new`\n")
    assert len(walk.strip("\n").splitlines()) < 100
    assert "certcli new " in walk
    assert "certcli check" in walk
    assert "commands/new.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_file_system_without_hard_links_still_gets_the_file_never_replaced(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAT and some network shares refuse link(): the name is then taken with
    an exclusive create, so an existing file is still never replaced."""

    def no_link(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.chdir(tmp_path)
    made = certcli("new", *PENNSYLVANIA)
    assert (made.code, made.err) == (0, "")
    written = tmp_path / "pennsylvania-2024-president.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# certcli data file:")
    again = certcli("new", *PENNSYLVANIA)
    assert again.code == 2
    assert "exists; it is never replaced" in again.err
    assert written.read_text(encoding="utf-8") == text
    assert sorted(path.name for path in tmp_path.iterdir()) == [written.name]

"""Where output goes is decided by what the output path is.

Devices, FIFOs, /dev/stdout, /dev/fd/N and `-` are written in place and stay
what they were; a symlink's target is replaced, not the link; standard streams
that are closed or cannot encode the text never turn into a crash.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.core.output import output_width, utf8
from conftest import Run

HERE = Path(__file__).parent
SMALL = HERE / "data" / "good" / "small.yaml"
AS_OF = "2024-12-01"


def run_process(
    *args: str, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    """certcli as its own process, with the standard streams the test gives."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CERTCLI_", "PYTHONIO"))
        and key not in {"GITHUB_ACTIONS", "NO_COLOR", "COLUMNS"}
    }
    environment.update(env or {})
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "certcli", *args],
        env=environment,
        check=False,
        **options,
    )


def expected_report(certcli: Callable[..., Run]) -> str:
    return certcli("check", SMALL, "-f", "json", "--as-of", AS_OF).out


needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="SKIPPED LOUDLY: mknod needs root"
)


@needs_root
def test_a_character_device_stays_a_device(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    device = tmp_path / "fakenull"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = certcli("check", SMALL, "--as-of", AS_OF, "-o", device)
    assert result.code == 0, result.err
    assert stat.S_ISCHR(device.stat().st_mode)
    assert os.listdir(tmp_path) == ["fakenull"]


@needs_root
def test_a_symlink_to_a_device_stays_a_symlink(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # A device of its own, so that a broken run cannot replace the real /dev/null.
    device = tmp_path / "fakenull"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    link = tmp_path / "null"
    link.symlink_to(device)
    assert certcli("check", SMALL, "--as-of", AS_OF, "-o", link).code == 0
    assert link.is_symlink() and os.readlink(link) == str(device)
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["fakenull", "null"]


def test_a_fifo_reader_receives_the_report(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = certcli("check", SMALL, "-f", "json", "--as-of", AS_OF, "-o", fifo)
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received == [expected_report(certcli).encode("utf-8")]


def test_a_symlink_to_a_file_is_replaced_at_its_target(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    result = certcli("check", SMALL, "-f", "json", "--as-of", AS_OF, "-o", link)
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == expected_report(certcli)
    assert sorted(os.listdir(target.parent)) == ["report.json"]


def test_dash_is_stdout(certcli: Callable[..., Run]) -> None:
    result = certcli("check", SMALL, "-f", "json", "--as-of", AS_OF, "-o", "-")
    assert result.code == 0
    assert result.out == expected_report(certcli)
    assert not Path("-").exists()


def test_an_empty_output_name_is_a_usage_error(certcli: Callable[..., Run]) -> None:
    result = certcli("timeline", "-o", "")
    assert result.code == 2
    assert result.err.endswith(
        "Error: Invalid value for '-o' / '--output': the file name is empty;"
        " give a file, or - for stdout\n"
    )


def test_a_directory_is_not_an_output(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    assert certcli("schema", "-o", tmp_path).code == 2


@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_dev_stdout_is_written_in_place(tmp_path: Path, name: str) -> None:
    """Not replaced by a new file, even when stdout is a regular file."""
    out = tmp_path / "out.json"
    out.write_bytes(b"")
    with out.open("ab") as stdout:
        result = run_process(
            "check", str(SMALL), "-f", "json", "--as-of", AS_OF, "-o", name,
            stdout=stdout, stderr=subprocess.PIPE,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_bytes())["summary"]["claims"] == 2
    assert os.listdir(tmp_path) == ["out.json"]


@pytest.mark.subprocess
def test_another_open_descriptor_is_written_in_place(tmp_path: Path) -> None:
    out = tmp_path / "three.txt"
    with out.open("wb") as three:
        result = run_process(
            "timeline", "--data", str(SMALL), "-f", "json", "-o",
            f"/dev/fd/{three.fileno()}", pass_fds=(three.fileno(),),
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert out.read_bytes().startswith(b'{\n  "format": "certcli-timeline/1"')


# --- standard streams ---------------------------------------------------------


@pytest.mark.subprocess
def test_closed_stdout_is_a_clear_error() -> None:
    result = run_process("timeline", "--data", str(SMALL), stdout=subprocess.DEVNULL)
    assert result.returncode == 0
    closed = run_process(
        "timeline", "--data", str(SMALL), stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert closed.returncode == 2
    assert closed.stderr == b"Error: cannot write: standard output is closed\n"


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "args",
    [["timeline"], ["check", "--as-of", AS_OF], ["margin", "--candidate", "ada"]],
)
def test_closed_stderr_keeps_the_exit_code(args: list[str]) -> None:
    result = run_process(
        *args, "--data", str(SMALL), stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout


@pytest.mark.subprocess
def test_a_full_disk_is_a_clear_error() -> None:
    with open("/dev/full", "wb") as full:
        result = run_process(
            "timeline", "--data", str(SMALL), stdout=full,
            stderr=subprocess.PIPE,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == b"Error: cannot write: No space left on device\n"


MACHINE = {
    "timeline-json": ["timeline", "-f", "json"],
    "timeline-ics": ["timeline", "-f", "ics"],
    "check-json": ["check", "-f", "json", "--as-of", AS_OF],
    "check-sarif": ["check", "-f", "sarif", "--as-of", AS_OF],
    "check-github": ["check", "-f", "github", "--as-of", AS_OF],
    "margin-json": ["margin", "--candidate", "Biden", "-f", "json"],
}
HUMAN = {
    "timeline-table": ["timeline", "--as-of", "2020-11-22"],
    "timeline-markdown": ["timeline", "-f", "markdown", "--as-of", "2020-11-22"],
    "check-text": ["check", "--as-of", AS_OF],
    "margin-table": ["margin", "--candidate", "Biden"],
    "audit-table": ["audit"],
}


def run_with_stdout_encoding(
    monkeypatch: pytest.MonkeyPatch, args: list[str], encoding: str
) -> tuple[int, bytes]:
    """certcli in this process, its stdout a stream of `encoding` (as
    PYTHONIOENCODING would make it)."""
    from certcli.cli import main
    from certcli.core import inputs

    monkeypatch.setattr(inputs, "_INPUTS", set())
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding))
    with pytest.raises(SystemExit) as stop:
        main(args)
    sys.stdout.flush()
    assert isinstance(stop.value.code, int)
    return stop.value.code, raw.getvalue()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("run", MACHINE)
def test_machine_formats_are_utf8_whatever_the_locale(
    monkeypatch: pytest.MonkeyPatch, run: str, encoding: str
) -> None:
    code, plain = run_with_stdout_encoding(monkeypatch, MACHINE[run], "utf-8")
    odd_code, odd = run_with_stdout_encoding(monkeypatch, MACHINE[run], encoding)
    assert odd_code == code == 0
    assert odd == plain
    # There was something to get wrong (SARIF lists no result for the
    # bundled file: its one finding is a pinned claim).
    assert not plain.isascii() or run == "check-sarif"
    plain.decode("utf-8")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("run", HUMAN)
def test_human_formats_degrade_to_what_the_stream_can_encode(
    monkeypatch: pytest.MonkeyPatch, run: str, encoding: str
) -> None:
    code, data = run_with_stdout_encoding(monkeypatch, HUMAN[run], encoding)
    assert code == 0
    text = data.decode(encoding)
    assert "Georgia" in text or "Biden" in text
    if encoding == "ascii":
        assert "?" * 3 not in text  # look-alikes, not a row of question marks


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_the_results_table_degrades_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, encoding: str
) -> None:
    table = tmp_path / "r.csv"
    table.write_text("county,Ann \u00c1bel \u2192 Jr,Bob\nX,1,2\n", encoding="utf-8")
    code, data = run_with_stdout_encoding(
        monkeypatch, ["results", str(table)], encoding
    )
    assert code == 0
    text = data.decode(encoding)  # fails when UTF-8 bytes reach the stream
    assert "Ann" in text and "Bob" in text


@pytest.mark.subprocess
def test_an_odd_locale_in_a_real_process() -> None:
    for args in (["timeline"], ["check", "-f", "json"]):
        result = run_process(*args, env={"PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0, result.stderr
        assert result.stderr.isascii() and b"internal error" not in result.stderr


def test_ascii_fallbacks_are_look_alikes() -> None:
    from certcli.core.output import encode_for

    assert encode_for("ascii", "→ ▶ a · b “q” İ") == b'> > a - b "q" ?'
    assert encode_for("cp1252", "→ · “q”") == "> · “q”".encode("cp1252")
    assert encode_for("no-such-codec", "→") == "→".encode()


def test_a_text_only_stdout_still_gets_the_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certcli.core.output import emit

    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    emit('{"a": "→"}\n', None)
    emit(b"bytes\n", None)
    assert stream.getvalue() == '{"a": "→"}\nbytes\n'


@pytest.mark.parametrize(
    ("columns", "output", "width"),
    [
        ("120", None, 120),
        ("120", Path("report.txt"), 120),
        ("1000", None, 1000),
        ("99999999", None, 1000),  # wider than any screen: MAX_WIDTH
        (" 90", None, None),  # not a whole number: as if unset
        ("0", None, None),
        ("wide", None, None),
        ("", None, None),  # a pipe (pytest's stdout), no COLUMNS: the format's own
        ("", Path("report.txt"), None),
    ],
)
def test_one_width_for_every_human_report(
    monkeypatch: pytest.MonkeyPatch, columns: str, output: Path | None, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert output_width(output) == width


def test_a_terminal_on_stdout_gives_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((132, 40)))
    assert output_width(None) == 132
    assert output_width(Path("report.txt")) is None
    monkeypatch.setattr(
        "shutil.get_terminal_size", lambda: os.terminal_size((5000, 40))
    )
    assert output_width(None) == 1000


@pytest.mark.parametrize(
    "command",
    [
        ["margin", "--candidate", "Biden"],
        ["timeline"],
        ["audit"],
        ["check", "--example"],
        ["results", "{results}"],
    ],
    ids=lambda command: command[0],
)
def test_a_huge_columns_lays_out_at_the_widest_width(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    results = (
        Path(__file__).parent
        / "data"
        / "results"
        / "clarity-ar-2014-general-county.xml"
    )
    monkeypatch.setenv("COLUMNS", "99999999")
    run = certcli(*(str(results) if arg == "{results}" else arg for arg in command))
    assert run.code in (0, 1), run.err
    assert max(map(len, run.out.splitlines())) <= 1000


def test_a_lone_surrogate_is_written_as_its_json_escape() -> None:
    text = json.dumps({"file": "evil\udcff.yaml"}, ensure_ascii=False)
    assert json.loads(utf8(text).decode("utf-8")) == {"file": "evil\udcff.yaml"}


def test_a_table_stays_aligned_on_a_stream_that_lacks_its_arrows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ["timeline", "--as-of", "2020-11-22", "--kind", "window"]
    code, data = run_with_stdout_encoding(monkeypatch, args, "ascii")
    assert code == 0
    lines = data.decode("ascii").splitlines()
    header = next(line for line in lines if line.startswith("When"))
    column = header.index("Event")
    rows = [line for line in lines if "2020-11-2" in line[:column]]
    assert any(row.startswith("> Tue 2020-11-24") for row in rows)
    assert all(row[column - 1] == " " and row[column] != " " for row in rows)


@pytest.mark.subprocess
def test_arguments_in_utf8_under_an_ascii_locale(tmp_path: Path) -> None:
    """LC_ALL=C without Python's locale coercion: the arguments' bytes are
    UTF-8 all the same, and a file name keeps its bytes."""
    target = tmp_path / "é.yaml"
    result = run_process(
        *("new", "--jurisdiction", "Zoë", "--office", "Üb"),
        *("--election-day", "2024-11-05", "--timezone", "UTC", "-o", str(target)),
        env={"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    )
    assert result.returncode == 0, result.stderr
    assert '  jurisdiction: "Zoë"\n' in target.read_text(encoding="utf-8")


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "args",
    [
        ["schema"],  # 76 KB: more than a pipe holds before its reader reads
        ["check", "--example", "-f", "json"],
        ["check", "--example", "--as-of", "2020-11-01"],  # exit 1: its findings
    ],
    ids=["schema", "check-json", "check-findings"],
)
def test_a_reader_that_goes_away_leaves_the_exit_code_the_command_s(
    args: list[str],
) -> None:
    """`certcli check | head`: the reader leaves while certcli still writes;
    the exit code stays the one the whole output gets, so that a CI step with
    pipefail does not fail a clean check."""
    whole = run_process(*args)
    assert len(whole.stdout) > 70_000 or args[0] != "schema"
    process = subprocess.Popen(
        [sys.executable, "-m", "certcli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # as head does after its lines
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == whole.returncode
    assert b"Traceback" not in errors and b"internal error" not in errors

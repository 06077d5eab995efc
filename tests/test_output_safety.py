"""No output is lost or put in the wrong place: `-o` never replaces a file
read in another process, every write is whole or an error, and a signal never
leaves a temporary file behind (README: "Nothing modified, nothing lost")."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

GEORGIA = Path(__file__).resolve().parent.parent / "data" / "events.yaml"

UNITS = Path(__file__).parent / "data" / "units"


def test_output_never_replaces_a_results_file_read_by_another_process(
    tmp_path: Path, certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(UNITS, tmp_path / "units")
    shutil.copy(tmp_path / "units" / "counties.yaml", tmp_path / "units" / "b.yaml")
    results = tmp_path / "units" / "certified.csv"
    before = results.read_bytes()
    monkeypatch.setenv("CERTCLI_JOBS", "2")
    run = certcli("check", tmp_path / "units", "-f", "json", "-o", results)
    assert (run.code, run.out) == (2, "")
    assert f"-o {results} is a file certcli read in this run" in run.err
    assert results.read_bytes() == before


class _Trickle:
    """A binary stream whose every write takes at most 7 bytes, as an
    unbuffered stdout may near a file-size limit."""

    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes | memoryview) -> int:
        self.data += bytes(chunk[:7])
        return min(7, len(chunk))

    def flush(self) -> None:
        pass


class _TextWithBuffer:
    def __init__(self, buffer: _Trickle) -> None:
        self.buffer = buffer
        self.encoding = "utf-8"

    def write(self, text: str) -> int:  # pragma: no cover - never called
        raise AssertionError("text written past the buffer")

    def flush(self) -> None:
        pass


def test_a_short_write_to_stdout_is_written_again_until_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certcli.core.output import emit

    trickle = _Trickle()
    monkeypatch.setattr(sys, "stdout", _TextWithBuffer(trickle))
    content = "".join(f"line {number}\n" for number in range(5000))
    emit(content, None)
    assert trickle.data == content.encode()


def test_a_write_that_takes_nothing_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certcli.core.errors import UsageError
    from certcli.core.output import emit

    stuck = _Trickle()
    monkeypatch.setattr(stuck, "write", lambda chunk: 0)
    monkeypatch.setattr(sys, "stdout", _TextWithBuffer(stuck))
    monkeypatch.setattr("certcli.core.output._discard_stdout", lambda: None)
    with pytest.raises(UsageError, match="cannot write: no byte could be written"):
        emit("text", None)


def _limited(limit: int) -> Callable[[], None]:
    def limit_file_size() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_file_size


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="no file-size limit on Windows")
@pytest.mark.parametrize("to_file", [False, True])
def test_a_file_size_limit_is_cannot_write_not_a_cut_report(
    tmp_path: Path, to_file: bool
) -> None:
    target = tmp_path / "out.txt"
    command = [sys.executable, "-m", "certcli", "timeline", "--color", "never"]
    command += ["--data", str(GEORGIA)]  # named: no word about the bundled file
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("CERTCLI_DATA", None)
    if to_file:
        run = subprocess.run(
            [*command, "-o", str(target)],
            capture_output=True,
            preexec_fn=_limited(1000),
            env=env,
            check=False,
        )
        message = f"Error: cannot write {target}: File too large\n"
        assert not target.exists()
        assert os.listdir(tmp_path) == []
    else:
        with target.open("wb") as stdout:
            run = subprocess.run(
                command,
                stdout=stdout,
                stderr=subprocess.PIPE,
                preexec_fn=_limited(1000),
                env=env,
                check=False,
            )
        message = "Error: cannot write: File too large\n"
    assert (run.returncode, run.stderr.decode()) == (2, message)


_SLOW_WRITE = """
import os, sys, time
from pathlib import Path
from certcli.core import output

def stalled_sync(handle):
    print(sorted(os.listdir(os.path.dirname(sys.argv[1]))), flush=True)
    time.sleep(60)

os.fsync = stalled_sync
output.write_atomically(Path(sys.argv[1]), b"new report\\n")
"""


@pytest.mark.subprocess
@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_terminating_signal_while_writing_removes_the_temporary_file(
    tmp_path: Path, name: str
) -> None:
    number = getattr(signal, name)
    target = tmp_path / "report.txt"
    target.write_text("old report\n", encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    listed = writer.stdout.readline()  # the temporary file is written by now
    assert ".report.txt." in listed
    writer.send_signal(number)
    writer.wait(timeout=30)
    writer.stdout.close()
    assert writer.returncode == -number  # ended by the signal, as without certcli
    assert os.listdir(tmp_path) == ["report.txt"]
    assert target.read_text(encoding="utf-8") == "old report\n"


@pytest.mark.parametrize("length", [242, 250, 255])
def test_an_output_name_of_up_to_255_bytes_is_written(
    certcli: Callable[..., Run], tmp_path: Path, length: int
) -> None:
    target = tmp_path / ("r" * (length - 5) + ".json")
    run = certcli("timeline", "--data", GEORGIA, "-f", "json", "-o", target)
    assert (run.code, run.err) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("{")
    assert os.listdir(tmp_path) == [target.name]

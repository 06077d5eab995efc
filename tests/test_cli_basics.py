"""The package installs as a command, a module, and answers --version/--help."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from certcli import __version__
from certcli.cli import cli
from certcli.commands import BUNDLED_NOTICE
from conftest import Run


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"certcli, version {__version__}\n")


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in ("check", "margin", "new", "schema", "timeline"):
        assert f"  {name} " in result.output


@pytest.mark.subprocess
def test_python_dash_m(tmp_path: object) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "certcli", "--version"],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"certcli, version {__version__}\n",
        "",
    )


@pytest.mark.subprocess
def test_unknown_command_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "certcli", "frobnicate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "No such command 'frobnicate'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.subprocess
def test_bundled_file_loads_from_any_directory(tmp_path: object) -> None:
    code = (
        "from certcli.loaded.loader import load_bundled;"
        "c = load_bundled(); print(c.model.election.id, len(c.model.claims) > 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "ga-2020-president True\n")


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "--as-of", "2020-11-22", "--color", "never"],
        ["margin", "--candidate", "Biden", "--color", "never"],
        ["margin", "--candidate", "Biden", "-f", "json"],
        ["audit", "--color", "never"],
        ["report", "--as-of", "2020-11-22", "-o", "-"],
    ],
)
def test_the_bundled_example_is_named_as_such(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """Without --data, a command says on stderr that it read the bundled
    example, and never shows where the package is installed."""
    import certcli as package

    monkeypatch.chdir(tmp_path)
    run = certcli(*command)
    assert run.code == 0
    assert run.err.startswith(BUNDLED_NOTICE)
    assert run.err.count("bundled example") == 1
    installed = str(Path(package.__file__).parent)
    assert installed not in run.out
    assert "site-packages" not in run.out
    if "json" in command or command[0] == "report":
        assert "bundled example (Georgia 2020)" in run.out


@pytest.mark.parametrize(
    "args",
    [["results", ""], ["check", ""], ["margin", "--data", "", "--candidate", "A"]],
    ids=["results", "check", "margin"],
)
def test_an_empty_file_name_is_a_usage_error_not_the_current_directory(
    certcli: Callable[..., Run], args: list[str]
) -> None:
    run = certcli(*args)
    assert (run.code, run.out) == (2, "")
    assert "the file name is empty" in run.err

"""`certcli check` from the command line: exit code, stdout and stderr together."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from certcli.cli import cli
from conftest import copy_bundled_results

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "events.yaml"
BASE = ROOT / "tests" / "data" / "check" / "base.yaml"
JORGENSEN = 'quote: "Libertarian Jo Jorgensen with 62,138"'

BUNDLED_SUMMARY = (
    "1 file, 65 claims: 63 consistent, 2 inconsistent, 0 unverifiable;"
    " 0 errors, 0 warnings, 2 notices"
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CERTCLI_DATA", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


def changed_figure(tmp_path: Path) -> tuple[Path, int]:
    """A copy of the bundled file with Jorgensen's 62,138 stated as 62,183."""
    lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if JORGENSEN in line)
    stated = next(i for i in range(at, at + 8) if "stated:" in lines[i])
    assert lines[stated] == '    stated: "62,138"\n'
    lines[stated] = '    stated: "62,183"\n'
    path = tmp_path / "events.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    copy_bundled_results(tmp_path)
    return path, stated + 1


def test_bundled_file_passes() -> None:
    result = check("--example", "--color", "never")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith(f"\n{BUNDLED_SUMMARY}\n")
    assert "s000-margin: inconsistent as pinned" in " ".join(result.stdout.split())
    assert "The article rounded loosely" in " ".join(result.stdout.split())


def test_bundled_json_has_a_verdict_for_every_claim() -> None:
    result = check("--example", "--format", "json")
    assert (result.exit_code, result.stderr) == (
        0,
        f"certcli check: {BUNDLED_SUMMARY}\n",
    )
    data = json.loads(result.stdout)
    assert len(data["claims"]) == 65
    assert {c["verdict"] for c in data["claims"]} == {"consistent", "inconsistent"}
    assert [(f["rule"], f["subject"]) for f in data["findings"]] == [
        ("claim-pinned", "s000-margin"),
        ("claim-pinned", "s002-fifth-district-six-weeks"),
    ]
    metrics = {c["metric"] for c in data["claims"]}
    assert {"time", "duration", "leader"} <= metrics


def _errors(fmt: str, stdout: str) -> list[tuple[str, int, int]]:
    """(rule, line, column) of each error finding in one output format."""
    if fmt == "json":
        return [
            (f["rule"], f["line"], f["column"])
            for f in json.loads(stdout)["findings"]
            if f["severity"] == "error"
        ]
    if fmt == "sarif":
        return [
            (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            )
            for r in json.loads(stdout)["runs"][0]["results"]
            if r["level"] == "error"
        ]
    if fmt == "github":
        found = []
        for line in stdout.splitlines():
            if line.startswith("::error "):
                props = dict(
                    p.split("=", 1) for p in line[8:].split("::")[0].split(",")
                )
                found.append(
                    (
                        props["title"].split(" ")[0],
                        int(props["line"]),
                        int(props["col"]),
                    )
                )
        return found
    found = []
    for line in stdout.splitlines():
        words = line.split()
        if len(words) > 2 and words[1] == "error":
            row, column = words[0].split(":")
            found.append((words[2], int(row), int(column)))
    return found


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_one_changed_figure_fails_at_its_line(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, line = changed_figure(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = check("events.yaml", "--format", fmt, "--color", "never")
    summary = (
        "1 file, 65 claims: 62 consistent, 3 inconsistent, 0 unverifiable;"
        " 1 error, 0 warnings, 2 notices"
    )
    assert result.exit_code == 1
    assert _errors(fmt, result.stdout) == [("claim-inconsistent", line, 13)]
    if fmt == "text":
        assert result.stderr == ""
        assert result.stdout.endswith(f"\n{summary}\n")
    else:
        assert result.stderr == f"certcli check: {summary}\n"
    message = (
        'votes of Jorgensen: stated "62,183" (= 62183), computed 62138'
        " (tally certified-2020-11-20)"
    )
    if fmt == "json":
        shown = [f["message"] for f in json.loads(result.stdout)["findings"]]
    elif fmt == "sarif":
        results = json.loads(result.stdout)["runs"][0]["results"]
        shown = [r["message"]["text"] for r in results]
    else:
        shown = [" ".join(result.stdout.split())]
    assert sum(message in text for text in shown) == 1


def test_github_line_of_the_changed_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, line = changed_figure(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = check("events.yaml", "--format", "github")
    assert result.stdout.splitlines()[0] == (
        f"::error file=events.yaml,line={line},col=13,"
        "title=claim-inconsistent (s001-jorgensen-votes)::votes of Jorgensen:"
        ' stated "62,183" (= 62183), computed 62138 (tally certified-2020-11-20)'
    )


def test_auto_is_github_in_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = check("--example", "--example")
    assert result.exit_code == 0
    assert result.stdout.startswith("::notice file=")
    assert ",title=claim-pinned (s000-margin)::inconsistent as pinned" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## certcli check\n\n" + BUNDLED_SUMMARY)
    assert "| notice | `claim-pinned` |" in text


def test_step_summary_only_for_github(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert check("--example", "--format", "json").exit_code == 0
    assert not summary.exists()


def test_several_files_a_broken_one_exits_2_and_the_others_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(BASE, "good.yaml")
    Path("bad.yaml").write_text(
        BASE.read_text(encoding="utf-8").replace("  office:", "  offices:"),
        encoding="utf-8",
    )
    result = check("good.yaml", "bad.yaml", "--format", "json")
    assert result.exit_code == 2
    *problems, summary = result.stderr.splitlines()
    assert "bad.yaml:7:3: election.offices: unknown key 'offices'" in [
        problem.split(";")[0] for problem in problems
    ]
    assert all(problem.startswith("bad.yaml:") for problem in problems)
    assert summary == (
        "certcli check: 2 files (1 not checked: data errors), 2 claims:"
        " 1 consistent, 1 inconsistent, 0 unverifiable; 0 errors, 0 warnings,"
        " 1 notice"
    )
    data = json.loads(result.stdout)
    assert [(f["file"], f["checked"]) for f in data["files"]] == [
        ("bad.yaml", False),
        ("good.yaml", True),
    ]
    assert [c["id"] for c in data["claims"]] == ["ann-votes", "ann-margin-pinned"]
    assert data["summary"]["exit_code"] == 2


def test_a_broken_file_in_text_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text("format: certcli/1\n", encoding="utf-8")
    result = check("bad.yaml", "--color", "never")
    assert result.exit_code == 2
    problems = result.stderr.splitlines()
    assert problems and all(p.startswith("bad.yaml:1:1: ") for p in problems)
    count = len(problems)
    assert result.stdout == (
        "bad.yaml\n"
        f"  not checked: {count} data error{'s' if count > 1 else ''}"
        " (listed on stderr)\n"
        "\n"
        "1 file (1 not checked: data errors), 0 claims: 0 consistent,"
        " 0 inconsistent, 0 unverifiable; 0 errors, 0 warnings, 0 notices\n"
    )


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = check("nope.yaml", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "nope.yaml:1:1: no such file"
    assert json.loads(result.stdout)["files"][0]["checked"] is False


def test_directories_are_searched_for_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("z.yaml", "sub/b.yml", "sub/a.yaml", ".hidden/c.yaml", "sub/.d.yaml"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BASE, name)
    Path("workflow.yml").write_text("on: push\n", encoding="utf-8")
    Path("notes.txt").write_text("format: certcli/1\n", encoding="utf-8")
    result = check(".", "sub/a.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    files = [entry["file"] for entry in json.loads(result.stdout)["files"]]
    assert files == ["sub/a.yaml", "sub/b.yml", "z.yaml"]


def test_an_explicit_file_is_checked_whatever_it_declares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("workflow.yml").write_text("on: push\n", encoding="utf-8")
    result = check("workflow.yml", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("workflow.yml:1:1: ")


def test_a_directory_without_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty").mkdir()
    result = check("empty", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "empty:1:1: no certcli data files (*.yaml or *.yml with format: certcli/1)"
        " in this directory"
    )


def test_fail_on_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("case.yaml").write_text(
        BASE.read_text(encoding="utf-8").replace(
            'tally: certified\n    stated: "502"',
            'tally: unofficial-0730\n    stated: "502"',
        ),
        encoding="utf-8",
    )
    default = check("case.yaml", "--format", "json")
    strict = check("case.yaml", "--format", "json", "--fail-on", "warning")
    assert (default.exit_code, strict.exit_code) == (0, 1)
    assert default.stdout == strict.stdout.replace(
        '"fail_on": "warning",\n    "exit_code": 1',
        '"fail_on": "error",\n    "exit_code": 0',
    )


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    result = check("--example", "--format", "sarif", "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"certcli check: {BUNDLED_SUMMARY}\n"
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_data_option_and_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(BASE, "base.yaml")
    by_option = check("--data", "base.yaml", "--format", "json")
    monkeypatch.setenv("CERTCLI_DATA", "base.yaml")
    by_environment = check("--format", "json")
    for result in (by_option, by_environment):
        assert result.exit_code == 0
        assert [f["file"] for f in json.loads(result.stdout)["files"]] == ["base.yaml"]


@pytest.mark.parametrize(
    ("args", "coloured"),
    [(["--color", "always"], True), (["--color", "never"], False), ([], False)],
)
def test_colour(args: list[str], coloured: bool) -> None:
    result = check("--example", *args)
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) is coloured


def test_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '-f' / '--format'" in result.stderr


def test_directory_search_skips_special_files(tmp_path: Path) -> None:
    """A FIFO named like a data file is not opened (that would block forever)."""
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    assert "no certcli data file" in result.output


def _repository(tmp_path: Path) -> Path:
    good = Path(__file__).parent / "data" / "good"
    for number, source in enumerate(sorted(good.glob("*.yaml")) * 3):
        shutil.copy(source, tmp_path / f"{number:02d}-{source.name}")
    return tmp_path


def test_many_files_give_the_same_report_on_several_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _repository(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("CERTCLI_JOBS", jobs)
        result = CliRunner().invoke(cli, ["check", str(repository), "-f", "json"])
        outputs.append((result.exit_code, result.stdout))
    assert outputs[0] == outputs[1]
    files = [entry["file"] for entry in json.loads(outputs[0][1])["files"]]
    assert files == sorted(str(path) for path in repository.glob("*.yaml"))


def test_output_never_replaces_a_file_checked_by_another_process(
    tmp_path: Path, certcli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _repository(tmp_path)
    target = sorted(repository.glob("*.yaml"))[-1]
    before = target.read_bytes()
    monkeypatch.setenv("CERTCLI_JOBS", "2")
    run = certcli("check", repository, "-f", "json", "-o", target)
    assert (run.code, run.out) == (2, "")
    assert "certcli never overwrites its input" in run.err
    assert target.read_bytes() == before


def test_bundled_sarif_opens_no_alert_for_its_pinned_claim() -> None:
    result = check(str(BUNDLED), "--format", "sarif")
    assert result.exit_code == 0
    run = json.loads(result.stdout)["runs"][0]
    assert run["results"] == []
    assert run["artifacts"] == [
        {"location": {"uri": "data/events.yaml", "uriBaseId": "%SRCROOT%"}}
    ]


def test_sarif_path_from_a_subdirectory_is_relative_to_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, line = changed_figure(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "tools").mkdir()
    monkeypatch.chdir(tmp_path / "tools")
    result = check(str(path), "--format", "sarif")
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "events.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": 13},
    }
    github = check(str(path), "--format", "github").stdout.splitlines()
    assert github[0].startswith(f"::error file=events.yaml,line={line},")


def test_json_names_its_format_and_the_as_of_date() -> None:
    data = json.loads(
        check("--example", "--format", "json", "--as-of", "2020-11-22").stdout
    )
    assert list(data)[:4] == ["format", "version", "certcli", "as_of"]
    assert (data["format"], data["version"], data["as_of"]) == (
        "certcli-check/1",
        1,
        "2020-11-22",
    )
    today = json.loads(check("--example", "--format", "json").stdout)["as_of"]
    assert today == date.today().isoformat()


SAME_DAY = """\
format: certcli/1
election:
  id: town-2024
  title: Town election
  jurisdiction: Town
  office: Mayor
  election_day: 2024-11-05
  timezone: America/Chicago
  calendar: {country: US, subdivision: IL}
candidates:
  Ada: {name: Ada Lovelace}
  Grace: {name: Grace Hopper}
sources:
  gazette: {title: Ada wins, published: 2024-11-19}
events:
  - {id: election-day, title: Election day, kind: election, date: 2024-11-05}
tallies:
  - id: certified
    stage: certified
    as_of: 2024-11-19T15:00:00-06:00
    source: gazette
    votes: {Ada: 1010, Grace: 990}
claims:
  - {id: ada-votes, source: gazette, quote: "Ada won 1,100 votes", metric: votes,
     candidate: Ada, stated: "1,100"}
"""


def test_a_wrong_figure_published_the_day_of_its_tally_fails(tmp_path: Path) -> None:
    """The source gives the tally's day without a time: the claim is judged
    against that day's tally, not passed over as unverifiable."""
    path = tmp_path / "town.yaml"
    path.write_text(SAME_DAY, encoding="utf-8")
    result = check(str(path), "--as-of", "2024-12-01", "--color", "never")
    out = " ".join(result.stdout.split())
    assert result.exit_code == 1, result.output
    assert "ada-votes inconsistent" in out or "inconsistent ada-votes" in out
    assert (
        "gazette gives 2024-11-19 without a time; it holds for none of the"
        " tallies that day could mean (certified: 1010)" in out
    )
    right = tmp_path / "right.yaml"
    right.write_text(SAME_DAY.replace('"1,100"', '"1,010"'), encoding="utf-8")
    assert check(str(right), "--as-of", "2024-12-01").exit_code == 0


@pytest.mark.parametrize(
    ("fail_on", "code", "shown"),
    [
        ("error", 0, "1 unverifiable (passing; --fail-on unverifiable fails them);"),
        ("unverifiable", 1, "1 unverifiable;"),
        ("warning", 1, "1 unverifiable;"),
    ],
)
def test_fail_on_unverifiable(
    fail_on: str, code: int, shown: str, tmp_path: Path
) -> None:
    path = tmp_path / "town.yaml"
    path.write_text(
        SAME_DAY.replace("votes: {Ada: 1010, Grace: 990}", "total: 2000"),
        encoding="utf-8",
    )
    result = check(
        str(path), "--as-of", "2024-12-01", "--fail-on", fail_on, "-f", "json"
    )
    assert result.exit_code == code
    assert json.loads(result.stdout)["summary"]["fail_on"] == fail_on
    assert shown in result.stderr


# --- without FILES: the data under the current directory -----------------------


def test_without_files_the_current_directory_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed figure in the user's file fails, whatever the bundled file says."""
    (tmp_path / "data").mkdir()
    changed, line = changed_figure(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = check("--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["file"] for f in data["files"]] == ["data/events.yaml"]
    assert ("claim-inconsistent", line) in [
        (f["rule"], f["line"]) for f in data["findings"]
    ]
    assert changed.exists()


def test_without_files_and_without_data_the_example_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, certcli: Callable[..., Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("workflow.yml").write_text("on: push\n", encoding="utf-8")
    result = certcli("check")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "Error: no certcli data files under the current directory (*.yaml or"
        " *.yml with format: certcli/1); give FILES, `certcli new` writes a first"
        " one, and `certcli check --example` checks the bundled example (Georgia"
        " 2020)\n"
    )
    assert check("--allow-no-data").exit_code == 0
    example = check("--example", "--color", "never")
    assert example.exit_code == 0
    assert example.stdout.startswith("bundled example (Georgia 2020)\n")


def test_example_and_files_together_are_a_usage_error() -> None:
    result = check("--example", str(BUNDLED))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: give FILES, --data or --example, not more than one\n"
    )


def test_the_repository_checks_its_own_data_only() -> None:
    """The README's CI command, `certcli check` in the repository's root, checks
    data/events.yaml and leaves the test suite's broken files alone (they are
    excluded in pyproject.toml)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = check("--format", "json", "--verbose")
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    files = [f["file"] for f in data["files"]]
    assert "data/events.yaml" in files
    assert not [name for name in files if name.startswith("tests/")]
    assert "excluded: tests/data/\n" in result.stderr


def test_an_unreadable_file_named_on_the_command_line_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the user may not read (mode 000, for a user who is not root) is
    that file's data error, and the other files are still checked."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(BASE, "base.yaml")
    shutil.copy(BASE, "locked.yaml")
    real_open, real_access = os.open, os.access

    def denied(path: Any) -> bool:
        return os.fsdecode(path).endswith("locked.yaml")

    def open_(path: Any, *args: Any, **kwargs: Any) -> int:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        return not denied(path) and real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "access", access)
    result = CliRunner().invoke(
        cli,
        ["check", "base.yaml", "locked.yaml", "--as-of", "2024-12-01", "-f", "json"],
    )
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [f["file"] for f in report["files"]] == ["base.yaml", "locked.yaml"]
    assert report["summary"]["data_errors"] == 1
    assert "locked.yaml:1:1: permission denied; cannot read the file" in result.stderr


def test_a_document_in_a_folder_is_looked_up_by_its_file_name(
    tmp_path: Path,
) -> None:
    data = tmp_path / "d.yaml"
    base = BASE.read_text(encoding="utf-8")
    assert "sources:\n" in base
    data.write_text(
        base.replace(
            "sources:\n",
            "sources:\n  story: {title: A story, published: 2024-11-20,"
            " document: articles/story.md}\n",
            1,
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["check", str(data), "--articles", str(tmp_path), "-f", "json"]
    )
    [found] = [
        f["message"]
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "article-not-found"
    ]
    assert found == (
        "no article 'story.md' (the file name of document 'articles/story.md') in"
        f" {tmp_path}: the source's document was not scanned"
    )


def test_articles_missing_from_the_articles_folder_are_warnings(
    tmp_path: Path,
) -> None:
    """A misspelt folder or a renamed article would otherwise pass with no
    figure of it checked; a document that is no article file is not looked
    for (the bundled file's Arlo source names a test of a repository)."""
    (tmp_path / "000_ef56c949f728b8b0.txt").write_text(
        "No figures here.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["check", "--example", "--articles", str(tmp_path), "-f", "json"]
    )
    assert result.exit_code == 1  # seed-000's quotes are not in the stand-in
    found = [
        (f["rule"], f["severity"], f["subject"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "article-not-found"
    ]
    assert found == [
        (
            "article-not-found",
            "warning",
            source,
            f"no article '{name}' in {tmp_path}: the source's document was not scanned",
        )
        for source, name in (
            ("seed-001", "001_5d61d1ff75ef6b48.txt"),
            ("seed-002", "002_e366e9a5df818812.txt"),
        )
    ]

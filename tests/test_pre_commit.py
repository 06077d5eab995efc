"""The pre-commit hook, run by the real `pre-commit` on a scratch repository.

Installing the hook as other repositories do (`repo: URL`, `language:
python`) makes pre-commit build a virtual environment from PyPI, which tests
must not reach. So the hook is declared here as a local hook with the
manifest's own entry, arguments and file pattern, run by the Python that runs
the tests; everything else is pre-commit's own: its file matching, `git
commit` through the installed git hook, and the exit code that blocks or
lets a commit through.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import copy_bundled_results

pytestmark = pytest.mark.subprocess  # git and pre-commit, run for real

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
BUNDLED = ROOT / "data" / "events.yaml"


def _manifest_hook() -> dict[str, object]:
    hooks = YAML(typ="safe").load(MANIFEST.read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["certcli-check"]
    return dict(hooks[0])


def test_manifest_checks_the_repository_and_allows_no_data() -> None:
    hook = _manifest_hook()
    assert hook["entry"] == "certcli check --allow-no-data"
    assert hook["args"] == ["."]
    assert hook["pass_filenames"] is False
    assert hook["language"] == "python"
    pattern = re.compile(str(hook["files"]))
    assert [bool(pattern.search(name)) for name in ("a.yaml", "b.yml", "c.json")] == [
        True,
        True,
        False,
    ]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A git repository with the hook installed, as `pre-commit install` does."""
    if shutil.which("git") is None:
        pytest.fail("these tests need git")
    repo = tmp_path / "repo"
    repo.mkdir()
    hook = _manifest_hook()
    command, _, options = str(hook["entry"]).partition(" ")
    assert command == "certcli"
    local = {
        "id": hook["id"],
        "name": hook["name"],
        "entry": f"{sys.executable} -m certcli {options}",
        "language": "unsupported",
        "files": hook["files"],
        "pass_filenames": hook["pass_filenames"],
        "args": hook["args"],
        "require_serial": hook["require_serial"],
    }
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), "utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.com")
    _git(repo, "config", "user.name", "test")
    _git(repo, "config", "commit.gpgsign", "false")
    done = _run(repo, sys.executable, "-m", "pre_commit", "install")
    assert done.returncode == 0, done.stdout + done.stderr
    _git(repo, "add", ".pre-commit-config.yaml")
    assert _commit(repo, "config").returncode == 0
    return repo


def _env(repo: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "CERTCLI_", "GITHUB_"))
    }
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    env["CERTCLI_CACHE_DIR"] = str(repo.parent / "certcli-cache")
    env["NO_COLOR"] = "1"
    return env


def _run(repo: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=repo, env=_env(repo), capture_output=True, text=True, check=False
    )


def _git(repo: Path, *args: str) -> None:
    done = _run(repo, "git", *args)
    assert done.returncode == 0, done.stderr


def _commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    return _run(repo, "git", "commit", "-q", "-m", message)


def _commits(repo: Path) -> int:
    return int(_run(repo, "git", "rev-list", "--count", "HEAD").stdout)


def test_only_other_yaml_in_a_repository_without_data_passes(scratch: Path) -> None:
    workflow = scratch / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs: {}\n", encoding="utf-8")
    (scratch / "config.yaml").write_text("retries: 3\n", encoding="utf-8")
    _git(scratch, "add", ".")
    done = _commit(scratch, "ci")
    assert done.returncode == 0, done.stdout + done.stderr
    shown = done.stdout + done.stderr
    assert re.search(r"^certcli check\.+Passed$", shown, re.MULTILINE)
    assert _commits(scratch) == 2


@pytest.mark.slow
def test_a_good_data_file_passes_and_a_broken_one_blocks_the_commit(
    scratch: Path,
) -> None:
    data = scratch / "data" / "ga.yaml"
    data.parent.mkdir()
    shutil.copy(BUNDLED, data)
    copy_bundled_results(data.parent)
    _git(scratch, "add", ".")
    good = _commit(scratch, "good")
    assert good.returncode == 0, good.stdout + good.stderr
    text = data.read_text(encoding="utf-8")
    assert text.count('stated: "62,138"') == 1
    data.write_text(text.replace('stated: "62,138"', 'stated: "62,183"'), "utf-8")
    _git(scratch, "add", ".")
    broken = _commit(scratch, "broken")
    assert broken.returncode == 1
    shown = broken.stdout + broken.stderr
    assert re.search(r"^certcli check\.+Failed$", shown, re.MULTILINE)
    assert "claim-inconsistent s001-jorgensen-votes" in shown
    assert _commits(scratch) == 2  # the config and the good file only


def test_check_of_a_directory_without_data_still_fails_without_the_option(
    tmp_path: Path,
) -> None:
    (tmp_path / "ci.yml").write_text("on: push\n", encoding="utf-8")
    bare = subprocess.run(
        [sys.executable, "-m", "certcli", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bare.returncode == 2
    assert f"{tmp_path}:1:1: no certcli data files" in bare.stderr
    allowed = subprocess.run(
        [sys.executable, "-m", "certcli", "check", "--allow-no-data", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (allowed.returncode, allowed.stderr) == (0, "")
    assert allowed.stdout == (
        "0 files, 0 claims: 0 consistent, 0 inconsistent, 0 unverifiable;"
        " 0 errors, 0 warnings, 0 notices; skipped 1 YAML file that is not a"
        " certcli file (--verbose lists them)\n"
    )


def test_docs_snippet_names_the_project_repository() -> None:
    from certcli import HOMEPAGE

    readme = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    snippet = readme[readme.index("repos:\n  - repo: ") :]
    assert snippet.startswith(f"repos:\n  - repo: {HOMEPAGE}\n    rev: v")


def test_the_projects_own_hooks_need_no_network() -> None:
    """.pre-commit-config.yaml: ruff, ruff-format, mypy and certcli on data/,
    each a local hook running the development environment's tool, so that
    pre-commit downloads nothing (CI runs them with `run --all-files`)."""
    config = YAML(typ="safe").load(
        (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    )
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert list(hooks) == ["ruff", "ruff-format", "mypy", "certcli-check"]
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert "additional_dependencies" not in hook
        program = str(hook["entry"]).split()[0]
        assert (ROOT / program).parent == ROOT / ".venv" / "bin"
    assert hooks["certcli-check"]["entry"] == ".venv/bin/certcli check data/"
    assert re.search(hooks["certcli-check"]["files"], "data/events.yaml")
    assert hooks["mypy"]["pass_filenames"] is False

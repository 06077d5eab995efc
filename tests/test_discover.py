"""`certcli check DIR` finds data files by reading them as YAML, says what it
skipped, and never passes over a data file in silence."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from certcli.datafile.discover import declares_format, discover
from conftest import Run

HERE = Path(__file__).parent
BASE = (HERE / "data" / "check" / "base.yaml").read_text(encoding="utf-8")
HEADER = "format: certcli/1\n"
AS_OF = "2024-12-01"
assert BASE.count(HEADER) == 1
# The same file with a claim that is wrong: checking it gives exit code 1.
WRONG = BASE.replace('stated: "502"', 'stated: "503"', 1)
assert WRONG != BASE


def data_file(header: str, body: str = BASE) -> str:
    return body.replace(HEADER, header)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER, True),
        ('"format": "certcli/1"\n', True),
        ("'format': 'certcli/1'\n", True),
        ("format : certcli/1\n", True),
        ("format:\tcertcli/1\n", True),
        ("\ufeffformat: certcli/1\n", True),
        ("{election: {id: x}, format: certcli/1}\n", True),
        ("# comment\n" * 8000 + HEADER, True),  # 80 KB of comments first
        ("%YAML 1.2\n---\nformat: certcli/1\n", True),
        ('format: "\\x63ertcli/1"\n', True),  # written with an escape
        ("format: |\n  certcli/1\n", True),  # a block scalar
        ("format:\n  certcli/1\n", True),  # on the next line
        ("election: {format: certcli/1}\nformat: other/1\n", False),
        ("format: other/1\n", False),
        ("on: push\njobs: {}\n", False),
        ("- format: certcli/1\n", False),
        ("just text\n", False),
        ("", False),
        # Broken before the key: counted when the text names certcli anywhere.
        ("a: [\nformat: certcli/1\n", True),
        ("a: [\nb: c\n", False),
    ],
)
def test_a_file_is_a_data_file_by_its_top_level_format_key(
    tmp_path: Path, text: str, expected: bool
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert declares_format(path) is expected


def test_upper_case_suffixes_count(tmp_path: Path) -> None:
    for name in ("a.YAML", "b.Yml", "c.yaml.txt", "d.json"):
        (tmp_path / name).write_text(HEADER, encoding="utf-8")
    assert [shown for _, shown in discover([tmp_path]).files] == [
        str(tmp_path / "a.YAML"),
        str(tmp_path / "b.Yml"),
    ]


def test_a_broken_file_with_a_quoted_format_key_fails_the_run(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "good.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(
        data_file('"format": "certcli/1"\n', WRONG), encoding="utf-8"
    )
    result = certcli("check", tmp_path, "--as-of", AS_OF, "-f", "json")
    assert result.code == 1
    assert [f["file"] for f in json.loads(result.out)["files"]] == [
        str(tmp_path / "broken.yaml"),
        str(tmp_path / "good.yaml"),
    ]


def test_a_broken_file_with_a_byte_order_mark_fails_the_run(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "good.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + WRONG.encode())
    result = certcli("check", tmp_path, "--as-of", AS_OF, "--color", "never")
    assert result.code == 2
    assert result.err == (
        f"{tmp_path}/bom.yaml:1:1: file starts with a UTF-8 byte-order mark;"
        " save it without one\n"
    )


def test_skipped_files_are_counted_and_listed_with_verbose(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    Path("ci.yml").write_text("on: push\n", encoding="utf-8")
    Path("compose.YAML").write_text("services: {}\n", encoding="utf-8")
    Path("notes.txt").write_text("not YAML at all\n", encoding="utf-8")
    text = certcli("check", ".", "--as-of", AS_OF, "--color", "never")
    assert text.code == 0
    assert text.out.splitlines()[-1].endswith(
        "; skipped 2 YAML files that are not certcli files (--verbose lists them)"
    )
    assert text.err == ""
    machine = certcli("check", ".", "--as-of", AS_OF, "-f", "json", "--verbose")
    assert machine.code == 0
    assert machine.err.splitlines() == [
        "skipped, not a certcli file: ci.yml",
        "skipped, not a certcli file: compose.YAML",
        "certcli check: 1 file, 2 claims: 1 consistent, 1 inconsistent,"
        " 0 unverifiable; 0 errors, 0 warnings, 1 notice; skipped 2 YAML files"
        " that are not certcli files (--verbose lists them)",
    ]


def test_a_dangling_symlink_is_a_warning(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    Path("gone.yaml").symlink_to("nowhere.yaml")
    result = certcli("check", ".", "--as-of", AS_OF, "-f", "json")
    assert result.code == 0
    assert result.err.splitlines()[0] == (
        "certcli: warning: gone.yaml: dangling symlink, not checked"
    )


def test_a_directory_that_cannot_be_listed_is_a_warning(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    Path("locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = certcli("check", ".", "--as-of", AS_OF, "-f", "json")
    assert result.code == 0
    assert result.err.splitlines()[0] == (
        "certcli: warning: ./locked: cannot list this directory (Permission denied)"
    )


def test_a_directory_whose_entries_cannot_be_looked_at_is_a_warning(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory without search permission (mode 600 or 000, for a user who
    is not root): looking inside it (is it a virtual environment?) fails with
    EACCES before listing it does."""
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    Path("locked").mkdir()
    real_stat, real_scandir = os.stat, os.scandir

    def denied(path: Any) -> bool:
        return "locked" in os.fsdecode(path)

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if denied(path) and os.fsdecode(path) != "./locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)
    result = certcli("check", ".", "--as-of", AS_OF, "-f", "json")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (
        "certcli: warning: ./locked: cannot list this directory (Permission denied)"
    )
    assert [f["file"] for f in json.loads(result.out)["files"]] == ["good.yaml"]


@pytest.mark.skipif(
    os.name != "posix" or os.uname().sysname == "Darwin",
    reason="file names that are not UTF-8 need a POSIX file system that keeps bytes",
)
@pytest.mark.parametrize("format_", ["json", "sarif", "github", "text"])
def test_a_file_name_that_is_not_utf8_is_spelled_visibly(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    format_: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"evil\xff.yaml")
    Path(name).write_text(BASE, encoding="utf-8")
    result = certcli("check", "--as-of", AS_OF, "-f", format_)
    assert result.code == 0, result.err
    assert "internal error" not in result.err
    if format_ == "json":
        assert [f["file"] for f in json.loads(result.out)["files"]] == [
            "evil\\xff.yaml"
        ]
    elif format_ == "sarif":
        assert '"uri": "evil%FF.yaml"' in result.out
    elif format_ == "text":
        assert "evil\\xff.yaml" in certcli("check", "-v", "--as-of", AS_OF).out


def test_one_file_under_several_names_is_checked_once(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(BASE, encoding="utf-8")
    Path("link.yaml").symlink_to("a.yaml")
    os.link("a.yaml", "hard.yaml")
    result = certcli(
        "check", "a.yaml", "./a.yaml", "link.yaml", "hard.yaml", "-f", "json"
    )
    assert result.code == 0
    assert [f["file"] for f in json.loads(result.out)["files"]] == ["a.yaml"]


def test_the_data_variable_applies_only_without_files(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    Path("wrong.yaml").write_text(WRONG, encoding="utf-8")
    monkeypatch.setenv("CERTCLI_DATA", "wrong.yaml")
    given = certcli("check", "good.yaml", "--as-of", AS_OF, "-f", "json")
    assert given.code == 0
    assert [f["file"] for f in json.loads(given.out)["files"]] == ["good.yaml"]
    alone = certcli("check", "--as-of", AS_OF, "-f", "json")
    assert alone.code == 1


def test_data_option_and_files_together_are_a_usage_error(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    result = certcli("check", "good.yaml", "--data", "good.yaml")
    assert result.code == 2
    assert result.err.endswith("Error: give FILES or --data, not both\n")


def test_a_fifo_named_like_a_data_file_is_a_warning_and_never_opened(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(BASE, encoding="utf-8")
    os.mkfifo("pipe.yaml")
    result = certcli("check", ".", "--as-of", AS_OF, "-f", "json")
    assert result.code == 0
    assert result.err.splitlines()[0] == (
        "certcli: warning: pipe.yaml: not a regular file, not checked"
    )


# --- what a search passes over ------------------------------------------------


def _tree(root: Path, pyproject: str | None = None) -> None:
    for name in (
        "data/a.yaml",
        "tests/data/bad/broken.yaml",
        "env/lib/python3/site-packages/certcli/data/events.yaml",
        "node_modules/pkg/x.yaml",
        "notes/draft.yaml",
        "notes/final.yaml",
    ):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BASE, encoding="utf-8")
    (root / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (root / ".git").mkdir()
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")


def _found(paths: list[Path]) -> list[str]:
    return [shown for _, shown in discover(paths).files]


def test_virtual_environments_and_node_modules_are_never_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _found([Path(".")]) == [
        "data/a.yaml",
        "notes/draft.yaml",
        "notes/final.yaml",
        "tests/data/bad/broken.yaml",
    ]


def test_pyproject_excludes_paths_and_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(
        tmp_path,
        "[tool.ruff]\nline-length = 88\n\n[tool.certcli]\n"
        'exclude = ["tests/data/", "draft.*"]\n',
    )
    (tmp_path / "data" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "data" / "sub")  # found from below, up to .git
    assert _found([Path("../..")]) == ["../../data/a.yaml", "../../notes/final.yaml"]
    monkeypatch.chdir(tmp_path)
    found = discover([Path(".")])
    assert found.excluded == ["notes/draft.yaml", "tests/data/"]
    # a path named on the command line is never excluded
    assert _found([Path("tests/data"), Path("notes/draft.yaml")]) == [
        "notes/draft.yaml",
        "tests/data/bad/broken.yaml",
    ]


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (
            "[tool.certcli]\nexclude = [\n",
            "pyproject.toml:2:1: Invalid value\n",
        ),
        (
            "[tool.certcli]\nexclude = [1]\nexclude = []\n",
            "pyproject.toml:3:13: Cannot overwrite a value\n",
        ),
        (
            '[tool.certcli]\nexclude = "tests"\n',
            "pyproject.toml:2:1: tool.certcli.exclude: expected a list of glob"
            ' patterns, e.g. ["tests/data"]\n',
        ),
        (
            '[tool.certcli]\nexcludes = ["tests"]\n',
            "pyproject.toml:1:1: tool.certcli: unknown key 'excludes'; certcli"
            " reads only exclude\n",
        ),
    ],
)
def test_a_pyproject_certcli_cannot_read_is_a_located_error(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pyproject: str,
    message: str,
) -> None:
    _tree(tmp_path, pyproject)
    monkeypatch.chdir(tmp_path)
    result = certcli("check", "--as-of", AS_OF)
    assert (result.code, result.out) == (2, "")
    assert result.err == message


def test_a_directory_whose_data_files_are_all_excluded_says_so(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("drafts").mkdir()
    Path("drafts/a.yaml").write_text(BASE, encoding="utf-8")
    Path("pyproject.toml").write_text(
        '[tool.certcli]\nexclude = ["drafts"]\n', encoding="utf-8"
    )
    result = certcli("check")
    assert result.code == 2
    assert (
        "1 path excluded by [tool.certcli] exclude in pyproject.toml (-v lists them)"
        in result.err
    )

"""The manual's generated parts (help texts, rule table, field reference and
every `$ certcli` example) match the program, and the README stays short."""

from __future__ import annotations

import itertools
import re
import shlex
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent
# A command line in an example: `$ certcli …`, perhaps after NAME=VALUE settings.
COMMAND_LINE = re.compile(r"^\$ (?:[A-Z_][A-Z0-9_]*=\S* )*certcli\b", re.MULTILINE)


SCRIPT = load_script("update_docs", ROOT / "scripts" / "update_docs.py")


def _pages() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in SCRIPT.pages()}


@pytest.mark.slow
@pytest.mark.subprocess
def test_generated_parts_are_current() -> None:
    """Runs every example: a changed output, option or help text fails here."""
    current = _pages()
    assert any(SCRIPT.BLOCK.search(text) for text in current.values())
    fresh = SCRIPT.render(current)
    stale = [
        str(path.relative_to(ROOT)) for path in current if fresh[path] != current[path]
    ]
    assert not stale, f"stale: {stale}; run python scripts/update_docs.py"


def test_every_certcli_example_is_generated() -> None:
    """No `$ certcli` line outside a generated part, where it could drift."""
    for path, text in _pages().items():
        outside = SCRIPT.BLOCK.sub("", text)
        found = COMMAND_LINE.search(outside)
        assert found is None, (
            f"{path.relative_to(ROOT)}: {found.group(0)!r} is not generated; put it"
            " between <!-- generated: COMMAND --> and <!-- /generated -->"
        )


def _shell_commands() -> list[tuple[Path, list[str]]]:
    """The certcli commands of the pages' `sh` blocks, as words."""
    found = []
    for path, text in _pages().items():
        for block in re.findall(r"^```sh\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
            # A command continued on the next line (`\` at the end) is one.
            for line in block.replace("\\\n", " ").splitlines():
                command = line.partition(" #")[0].strip()
                if re.match(r"(\.venv/bin/)?certcli\b", command):
                    found.append((path, shlex.split(command)))
    return found


def test_example_commands_name_files_that_exist() -> None:
    """`certcli timeline --data X.yaml` in a page: X.yaml is in the repository."""
    commands = _shell_commands()
    assert len(commands) > 10
    for path, words in commands:
        for before, word in itertools.pairwise(words):
            if re.search(r"\.(ya?ml|xml|csv|zip)$", word) and before not in {
                "-o",
                "--output",
            }:
                assert (ROOT / word).is_file(), f"{path.relative_to(ROOT)}: {word}"


def test_pages_cover_the_manual() -> None:
    pages = {path.relative_to(ROOT).as_posix() for path in SCRIPT.pages()}
    for page in (
        "README.md",
        "docs/index.md",
        "docs/tutorial.md",
        "docs/cli.md",
        "docs/rules.md",
        "docs/data-file.md",
        "docs/commands/check.md",
        "docs/maintainers/architecture.md",
    ):
        assert page in pages


def test_readme_is_short_and_names_its_ci_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert "<!-- ci:check -->\n```sh\n" in text
    assert "<!-- ci:test -->\n```sh\n" in text


def test_site_build_fetches_nothing() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^  font: false\b", config, re.MULTILINE)
    plugins = re.search(r"^plugins:\n((?:  - .*\n)+)", config, re.MULTILINE)
    assert plugins is not None and plugins.group(1) == "  - search\n"


OUTPUT = ["title", "", "a 1", "a 2", "b 1", "b 2", "", "total"]


@pytest.mark.parametrize(
    ("settings", "shown"),
    [
        (["excerpt: ^title"], ["title", "…"]),
        (["excerpt: ^a 2 +1"], ["…", "a 2", "b 1", "…"]),
        (
            ["excerpt: ^a until ^b", "excerpt: ^total"],
            ["…", "a 1", "a 2", "…", "total"],
        ),
        (["excerpt: ^b 1 until ^never"], ["…", "b 1", "b 2", "", "total"]),
        (["excerpt: ^title +1", "excerpt: ^a 1"], ["title", "", "a 1", "…"]),
    ],
)
def test_excerpts(settings: list[str], shown: list[str]) -> None:
    example = SCRIPT.Example.parse("\n".join(["certcli x", *settings]))
    assert list(example._excerpt(OUTPUT)) == shown


def test_an_excerpt_that_matches_nothing_is_an_error() -> None:
    example = SCRIPT.Example.parse("certcli x\nexcerpt: ^total\nexcerpt: ^title")
    with pytest.raises(RuntimeError, match="no line from 9 on matches '\\^title'"):
        list(example._excerpt(OUTPUT))


def test_settings_are_parsed() -> None:
    example = SCRIPT.Example.parse(
        'CERTCLI_MAX_BYTES=2M certcli check "a b.yaml"\n'
        "exit: 1\n"
        'edit: data/x.yaml: "1" => "2"'
    )
    assert example.env == {"CERTCLI_MAX_BYTES": "2M"}
    assert example.args == ["check", "a b.yaml"]
    assert example.exit == 1
    assert example.edit == ("data/x.yaml", '"1"', '"2"')
    with pytest.raises(ValueError, match="unknown setting"):
        SCRIPT.Example.parse("certcli x\ncolour: red")
    with pytest.raises(ValueError, match="unknown generated part"):
        SCRIPT.Example.parse("ls -l")


@pytest.mark.subprocess
def test_a_wrong_exit_code_is_an_error() -> None:
    example = SCRIPT.Example.parse("certcli timeline --as-of 2020-13-01")
    with pytest.raises(RuntimeError, match="exited 2, not 0"):
        example.run()


@pytest.mark.subprocess
def test_a_size_is_that_of_the_command_output() -> None:
    schema = SCRIPT.Example.parse("certcli schema").run()
    assert SCRIPT.generate("size of: certcli schema") == (
        f"{round(len(schema.encode('utf-8')) / 1000)} KB"
    )
    inline = "is <!-- generated: size of: certcli schema -->1 KB<!-- /generated -->."
    assert (
        SCRIPT.BLOCK.fullmatch(inline[3:-1]).group("key") == "size of: certcli schema"
    )


@pytest.mark.subprocess
def test_a_part_that_cannot_be_made_is_reported_and_left_alone() -> None:
    page = ROOT / "page.md"
    broken = "<!-- generated: certcli schema\nexcerpt: ^no such line -->\nold\n"
    text = f"{broken}<!-- /generated -->\n<!-- generated: check-rules -->\n"
    text += "<!-- /generated -->\n"
    failures: dict[str, str] = {}
    fresh = SCRIPT.render({page: text}, failures)[page]
    assert fresh.startswith(f"{broken}<!-- /generated -->\n")
    assert SCRIPT.generate("check-rules") in fresh
    assert list(failures) == ["certcli schema\nexcerpt: ^no such line"]
    assert (
        "no line from 1 on matches '^no such line'"
        in failures["certcli schema\nexcerpt: ^no such line"]
    )
    with pytest.raises(SCRIPT.Stale, match="no such line"):
        SCRIPT.render({page: text})


@pytest.mark.slow
@pytest.mark.subprocess
def test_commands_in_a_scratch_folder_write_nothing_into_the_repository() -> None:
    timeline = "certcli timeline --data data/events.yaml --as-of 2020-11-22 -f markdown"
    example = SCRIPT.Example.parse(
        "certcli schema -o written.json\n"
        "copy: data\n"
        "then: certcli check data/events.yaml -f json -o written.json\n"
        f"then: {timeline}"
    )
    output = example.run()
    check = "certcli check data/events.yaml -f json -o written.json"
    assert output.startswith(f"$ {check}\ncertcli check: 1 file, 65 claims")
    assert f"\n$ {timeline}\n## 2020 presidential election in Georgia" in output
    assert not (ROOT / "written.json").exists()
    failing = SCRIPT.Example.parse("certcli schema\nthen: certcli timeline --as-of x")
    with pytest.raises(RuntimeError, match="certcli timeline --as-of x exited 2"):
        failing.run()

"""Regenerate the generated parts of README.md, or check that they are current.

A generated part sits between `<!-- generated: KEY -->` and `<!-- /generated -->`.
KEY is either a command line (`certcli timeline --help`), whose output is shown
in a text block, `check-rules`, the table of `certcli check` rule ids, or
`data-fields`, the data file's field reference (the schema's descriptions).

    python scripts/update_readme.py          # rewrite README.md
    python scripts/update_readme.py --check  # exit 1 if README.md is stale
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(
    r"(<!-- generated: (?P<key>.+?) -->\n)(?P<body>.*?)(<!-- /generated -->)",
    re.DOTALL,
)


def generate(key: str) -> str:
    """The current text of one generated part."""
    if key == "check-rules":
        from certcli.checks import rules_markdown

        return str(rules_markdown())
    if key == "data-fields":
        from certcli.datafile.schema import fields_markdown

        return str(fields_markdown())
    from click.testing import CliRunner

    from certcli.cli import cli

    words = shlex.split(key)
    if words[0] != "certcli":
        raise ValueError(f"unknown generated part {key!r}")
    # From the repository's root, whatever the current directory, and at the
    # width of a pipe, so that a command's output (not only --help) reads the
    # same everywhere.
    previous = os.getcwd()
    os.chdir(README.parent)
    try:
        result = CliRunner().invoke(
            cli,
            words[1:],
            terminal_width=80,
            prog_name="certcli",
            env={"COLUMNS": None},
        )
    finally:
        os.chdir(previous)
    if result.exit_code != 0:
        raise RuntimeError(f"{key} exited {result.exit_code}: {result.output}")
    return f"```text\n$ {key}\n{result.output}```\n"


def render(text: str) -> str:
    """README text with every generated part brought up to date."""
    return BLOCK.sub(lambda m: m.group(1) + generate(m.group("key")) + m.group(4), text)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md is stale: run python scripts/update_readme.py")
            return 1
        return 0
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

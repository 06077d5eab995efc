"""Regenerate the generated parts of README.md and docs/, or check them.

A generated part sits between `<!-- generated: KEY -->` and `<!-- /generated -->`.
KEY is `check-rules` (the table of `certcli check` rules), `data-fields` (the
data file's field reference, from the schema's descriptions), a command line
(`certcli margin --candidate Biden`, optionally after NAME=VALUE environment
settings), whose real output is shown in a text block, or `size of: COMMAND`,
the size of what the command writes to stdout (`131 KB`), which may stand
inside a sentence: `is <!-- generated: size of: certcli … -->131 KB<!-- /generated -->`.

A command runs as a user would run it: `python -m certcli ARGS` from the
repository's root, stdout and stderr into one pipe (what `2>&1 | less` shows),
COLUMNS=80, no colour, no GITHUB_* or CERTCLI_* settings but those the KEY
names. Lines after the command in the comment adjust it:

    exit: N              the exit code it must end with (default 0); shown
                         as `$ echo $?` under the output
    excerpt: REGEX [+N]  show only the first line that matches REGEX, at or after
                         the previous excerpt, and the N lines after it
                         (repeatable; a gap is shown as `…`, and a REGEX that
                         matches nothing is an error)
    excerpt: REGEX until END
                         the same, with the lines after it up to the next one
                         that matches END (or the end of the output)
    edit: PATH: OLD => NEW
                         run in a scratch folder with a copy of PATH's top
                         folder, in which PATH has OLD replaced by NEW (OLD
                         must occur exactly once)
    in: scratch          run in an empty scratch folder (for a command that
                         writes files); nothing there is kept
    copy: PATH           put a copy of the repository's PATH (a file or a
                         folder) into the scratch folder (repeatable)
    then: COMMAND        another `certcli …` line run after it in the same
                         folder, shown with its `$` line (repeatable; `exit:`
                         is the last command's, the others must exit 0)

    python scripts/update_docs.py          # rewrite every stale page
    python scripts/update_docs.py --check  # exit 1 and name the stale pages

A part that cannot be made (a pattern that no longer matches, an exit code
that changed) is left as it was and named on stderr, the others are brought
up to date all the same, and the script exits 1.

Run it after any change to a command's output, options or help text.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(
    r"(<!-- generated: (?P<key>.+?) -->\n?)(?P<body>.*?)(<!-- /generated -->)",
    re.DOTALL,
)
WIDTH = 80
# Settings of the person running the script that would change the output.
CLEARED = re.compile(
    r"COLUMNS|LINES|NO_COLOR|FORCE_COLOR|CLICOLOR.*|TERM|PYTHONIOENCODING"
    r"|CERTCLI_.*|GITHUB_.*"
)


def pages() -> list[Path]:
    """README.md and every page of the manual."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _command(line: str) -> tuple[dict[str, str], list[str]]:
    """NAME=VALUE settings and the arguments of a `certcli …` line."""
    words = shlex.split(line)
    env = {}
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words or words[0] != "certcli":
        raise ValueError(f"unknown generated part {line!r}")
    return env, words[1:]


@dataclass
class Example:
    """Command lines and how their output is shown."""

    command: str
    env: dict[str, str] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    exit: int | None = None
    # Each excerpt: where it starts, and N more lines or a pattern it ends before.
    excerpts: list[tuple[re.Pattern[str], int | re.Pattern[str]]] = field(
        default_factory=list
    )
    edit: tuple[str, str, str] | None = None
    scratch: bool = False  # run in an empty folder instead of the repository
    copies: list[str] = field(default_factory=list)  # repository paths put there
    then: list[str] = field(default_factory=list)  # more commands, in that folder

    @classmethod
    def parse(cls, key: str) -> Example:
        first, *settings = key.strip().split("\n")
        env, args = _command(first)
        example = cls(first.strip(), env, args)
        for setting in settings:
            name, _, value = setting.strip().partition(":")
            value = value.strip()
            if name == "exit":
                example.exit = int(value)
            elif name == "excerpt":
                part = re.fullmatch(r"(.*?)(?:\s+\+(\d+)|\s+until\s+(.*))?", value)
                assert part is not None
                end: int | re.Pattern[str] = int(part.group(2) or 0)
                if part.group(3):
                    end = re.compile(part.group(3))
                example.excerpts.append((re.compile(part.group(1)), end))
            elif name == "edit":
                path, _, change = value.partition(": ")
                old, _, new = change.partition(" => ")
                example.edit = (path, old, new)
                example.copies.append(Path(path).parts[0])
                example.scratch = True
            elif name == "in" and value == "scratch":
                example.scratch = True
            elif name == "copy":
                example.copies.append(value)
                example.scratch = True
            elif name == "then":
                _command(value)
                example.then.append(value)
            else:
                raise ValueError(f"{first!r}: unknown setting {setting.strip()!r}")
        return example

    def _prepare(self, folder: Path) -> None:
        """The scratch folder: the copied paths, and the edit made."""
        for path in self.copies:
            if (ROOT / path).is_dir():
                shutil.copytree(ROOT / path, folder / path, dirs_exist_ok=True)
            else:
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / path, folder / path)
        if self.edit is not None:
            path, old, new = self.edit
            text = (folder / path).read_text(encoding="utf-8")
            if text.count(old) != 1:
                raise ValueError(f"{self.command}: {old!r} is not once in {path}")
            (folder / path).write_text(text.replace(old, new), encoding="utf-8")

    def run(self, *, stderr: bool = True) -> str:
        """The output, stdout and stderr as one pipe shows them (or stdout
        alone); each `then` command after its own `$` line."""
        base = {k: v for k, v in os.environ.items() if not CLEARED.fullmatch(k)}
        base.update(PYTHONUTF8="1")
        output = []
        with tempfile.TemporaryDirectory() as scratch:
            base["CERTCLI_CACHE_DIR"] = str(Path(scratch) / "cache")
            cwd = ROOT
            if self.scratch:
                cwd = Path(scratch) / "work"
                cwd.mkdir()
                self._prepare(cwd)
            lines = [self.command, *self.then]
            for n, line in enumerate(lines):
                env, args = _command(line)
                expected = (self.exit or 0) if n == len(lines) - 1 else 0
                done = subprocess.run(
                    [sys.executable, "-m", "certcli", *args],
                    cwd=cwd,
                    env={**base, **env},
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT if stderr else subprocess.DEVNULL,
                    timeout=300,
                    check=False,
                )
                text = done.stdout.decode("utf-8")
                if done.returncode != expected:
                    raise RuntimeError(
                        f"{line} exited {done.returncode}, not {expected}:\n{text}"
                    )
                output.append(f"$ {line}\n{text}" if n else text)
        return "".join(output)

    def block(self) -> str:
        """The example as the page shows it."""
        lines = self.run().splitlines()
        if self.excerpts:
            lines = list(self._excerpt(lines))
        shown = "\n".join([f"$ {self.command}", *lines])
        if self.exit is not None:
            shown += f"\n$ echo $?\n{self.exit}"
        return f"```text\n{shown}\n```\n"

    def _excerpt(self, lines: list[str]) -> Iterator[str]:
        at = 0
        for pattern, after in self.excerpts:
            found = next(
                (n for n in range(at, len(lines)) if pattern.search(lines[n])), None
            )
            if found is None:
                raise RuntimeError(
                    f"{self.command}: no line from {at + 1} on matches "
                    f"{pattern.pattern!r}"
                )
            if found > at:
                yield "…"
            if isinstance(after, int):
                stop = found + after + 1
            else:
                stop = next(
                    (n for n in range(found + 1, len(lines)) if after.search(lines[n])),
                    len(lines),
                )
            yield from lines[found:stop]
            at = stop
        if at < len(lines):
            yield "…"


def generate(key: str) -> str:
    """The current text of one generated part."""
    if key == "check-rules":
        from certcli.checks import rules_markdown

        return str(rules_markdown())
    if key == "data-fields":
        from certcli.datafile.schema import fields_markdown

        return str(fields_markdown())
    if key.startswith("size of: "):
        output = Example.parse(key.removeprefix("size of: ")).run(stderr=False)
        return f"{round(len(output.encode('utf-8')) / 1000)} KB"
    return Example.parse(key).block()


class Stale(Exception):
    """Generated parts that could not be made: each one's key and why."""

    def __init__(self, failures: dict[str, str]) -> None:
        super().__init__("\n".join(f"{k}: {why}" for k, why in failures.items()))
        self.failures = failures


def _attempt(key: str) -> str | Exception:
    try:
        return generate(key)
    except (ValueError, RuntimeError, OSError, subprocess.SubprocessError) as err:
        return err


def render(
    texts: dict[Path, str], failures: dict[str, str] | None = None
) -> dict[Path, str]:
    """Every page with each generated part brought up to date (commands run
    in parallel, each once however often it is shown).

    A part that cannot be made (a pattern that no longer matches, an exit
    code that changed) is left as it was and reported in `failures`; without
    that dict, it raises Stale after all the others were made.
    """
    keys = sorted({m.group("key") for t in texts.values() for m in BLOCK.finditer(t)})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        made = dict(zip(keys, pool.map(_attempt, keys), strict=True))
    failed = {k: str(v) for k, v in made.items() if isinstance(v, Exception)}
    if failures is None and failed:
        raise Stale(failed)
    if failures is not None:
        failures.update(failed)

    def fresh(match: re.Match[str]) -> str:
        text = made[match.group("key")]
        body = match.group("body") if isinstance(text, Exception) else text
        return match.group(1) + body + match.group(4)

    return {path: BLOCK.sub(fresh, t) for path, t in texts.items()}


def main(argv: list[str]) -> int:
    current = {path: path.read_text(encoding="utf-8") for path in pages()}
    failures: dict[str, str] = {}
    fresh = render(current, failures)
    stale = [path for path in current if fresh[path] != current[path]]
    if "--check" not in argv:
        for path in stale:
            path.write_text(fresh[path], encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    else:
        for path in stale:
            name = path.relative_to(ROOT)
            print(f"{name} is stale: run python scripts/update_docs.py")
    for key, why in failures.items():
        first = key.partition("\n")[0]
        print(f"cannot generate <!-- generated: {first} -->: {why}", file=sys.stderr)
    return 1 if failures or (stale and "--check" in argv) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

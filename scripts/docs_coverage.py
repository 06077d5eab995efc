"""Check that every paragraph of an older README is still in README.md or docs/.

For moving documentation between pages: each heading, paragraph, list item,
table row and code line of substance in the old text must appear, with white
space, heading marks and link targets ignored, in the new pages.

    python scripts/docs_coverage.py main          # README.md as of a git revision
    python scripts/docs_coverage.py old-README.md # or a file

Exit 1 and a list of what is missing when anything is.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def normal(text: str) -> str:
    """Text without markup that moving it may change."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
    text = re.sub(r"\]\([^)]*\)", "]", text)  # what is left of link targets
    text = re.sub(r'src="[^"]*"', "", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)  # heading marks
    return " ".join(text.split())


def pieces(markdown: str) -> list[str]:
    """Paragraphs, list items and single lines of tables and code blocks."""
    found: list[str] = []
    fence = False
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            found.append("\n".join(paragraph))
            paragraph.clear()

    for line in markdown.splitlines():
        if line.startswith("```"):
            flush()
            fence = not fence
            continue
        if fence or line.startswith("|"):
            flush()
            found.append(line)
        elif not line.strip() or line.startswith("<!--"):
            flush()
        elif re.match(r"^\s*(\*|\d+\.) ", line) or line.startswith("#"):
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return [piece for piece in found if len(normal(piece)) >= 12]


def main(argv: list[str]) -> int:
    source = argv[0] if argv else "main"
    path = Path(source)
    if path.is_file():
        old = path.read_text(encoding="utf-8")
    else:
        old = subprocess.run(
            ["git", "show", f"{source}:README.md"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    new = normal("\n".join(p.read_text(encoding="utf-8") for p in pages))
    missing = [piece for piece in pieces(old) if normal(piece) not in new]
    for piece in missing:
        print("missing:", piece.replace("\n", "\n         "))
    print(f"{len(missing)} of {len(pieces(old))} pieces missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

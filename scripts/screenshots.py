"""Screenshots of the bundled file's report for docs/commands/report.md, in
headless Chromium.

    python scripts/screenshots.py     # writes docs/report-*.png

Run from the repository's root, with certcli installed in .venv and Chromium
on the machine. The PNGs are made smaller with pngquant and optipng when they
are installed (`apt-get install pngquant optipng`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import Chromium, file_url, find_chromium

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2020-11-22"
SHOTS = (
    ("report-desktop.png", 1280, 800, False),
    ("report-phone.png", 390, 844, True),
)
# The charts further down the page, as a desktop and a phone show them.
CHARTS = (
    ("report-timeline.png", "#timeline + figure"),
    ("report-margin.png", "#margin + figure"),
)
PHONE_CHARTS = (("report-phone-margin.png", "#margin ~ figure.chart-narrow"),)


def main() -> int:
    binary = find_chromium()
    if binary is None:
        print("Chromium is not installed: apt-get install chromium", file=sys.stderr)
        return 1
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "certcli"),
                "report",
                "data/events.yaml",
                "--as-of",
                AS_OF,
                "-o",
                str(page),
            ],
            cwd=ROOT,
            check=True,
        )
        with Chromium(binary) as browser:
            for name, width, height, mobile in SHOTS:
                browser.open(file_url(page), width, height, mobile=mobile)
                target = docs / name
                target.write_bytes(browser.screenshot())
                _shrink(target)
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")
            for (width, height, mobile), charts in (
                ((1280, 800, False), CHARTS),
                ((390, 844, True), PHONE_CHARTS),
            ):
                browser.open(file_url(page), width, height, mobile=mobile)
                for name, selector in charts:
                    target = docs / name
                    target.write_bytes(browser.screenshot_of(selector))
                    _shrink(target)
                    print(
                        f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes"
                    )
    return 0


def _shrink(png: Path) -> None:
    """Fewer colours (pngquant), then the best lossless compression (optipng)."""
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--strip", "--quality=70-90",
             "--output", str(png), str(png)],
            check=False,
        )  # fmt: skip
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", str(png)], check=True)


if __name__ == "__main__":
    sys.exit(main())

"""The report of the bundled file in a real browser: headless Chromium, driven
over the DevTools protocol (scripts/chromium.py), with no name resolving.

Without Chromium these tests skip and say why; with `CI` set they fail
instead, because CI installs it (`.ci/run`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "report" / "hostile.yaml"
AS_OF = "2020-11-22"
CLAIMS = 65  # in the bundled file


def _chromium_module() -> ModuleType:
    return load_script("certcli_chromium", ROOT / "scripts" / "chromium.py")


cdp = _chromium_module()

pytestmark = [pytest.mark.browser, pytest.mark.subprocess]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary = cdp.find_chromium()
    if binary is None:
        reason = (
            "Chromium is not installed, so the report was NOT tested in a browser:"
            " apt-get install chromium (or set CHROMIUM to its path)"
        )
        if os.environ.get("CI", "").lower() not in {"", "0", "false"}:
            pytest.fail(reason + "; CI must have it (.ci/run installs it)")
        pytest.skip(reason)
    with cdp.Chromium(binary) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from certcli.cli import main

    path = tmp_path_factory.mktemp("report") / "report.html"
    with pytest.raises(SystemExit) as stop:
        main(["report", "--as-of", AS_OF, "-o", str(path)])
    assert stop.value.code == 0
    return path


VISIBLE_SVGS = """
[...document.querySelectorAll('svg')]
  .map(svg => [svg.getBoundingClientRect(), svg])
  .filter(([box]) => box.width > 0 || box.height > 0)
  .map(([box, svg]) => [
    Math.round(box.width), Math.round(box.height),
    +svg.getAttribute('width'), +svg.getAttribute('height')])
"""
OVERFLOW = """
[document.documentElement.scrollWidth, document.documentElement.clientWidth]
"""


def _assert_clean(page: Any, url: str) -> None:
    assert page.console_errors == []
    assert page.requests == [url]  # the page itself, nothing else


@pytest.mark.parametrize(
    ("width", "height", "mobile", "layout"),
    [(1280, 800, False, 960), (390, 844, True, 360)],
    ids=["desktop", "phone"],
)
def test_the_page_in_chromium(
    browser: Any,
    bundled_report: Path,
    width: int,
    height: int,
    mobile: bool,
    layout: int,
) -> None:
    url = cdp.file_url(bundled_report)
    page = browser.open(url, width, height, mobile=mobile)
    _assert_clean(page, url)
    assert browser.evaluate("document.querySelectorAll('tr.claim').length") == CLAIMS
    # The two charts (timeline, margin) of this layout, at their natural size.
    svgs = browser.evaluate(VISIBLE_SVGS)
    assert len(svgs) == 2
    for width_shown, height_shown, width_drawn, height_drawn in svgs:
        assert width_shown == width_drawn == layout
        assert height_shown == height_drawn > 200
    scroll_width, client_width = browser.evaluate(OVERFLOW)
    assert scroll_width <= client_width, "the page scrolls sideways"
    png = browser.screenshot()
    assert cdp.png_size(png) == (width, height)
    colours, ink = cdp.ink(browser.screenshot(scale=0.25))
    assert colours > 20 and ink > 0.05, "the screenshot is blank"


@pytest.mark.parametrize("paper_width", [703, 724], ids=["A4", "Letter"])
def test_print_fits_the_paper(
    browser: Any, bundled_report: Path, paper_width: int
) -> None:
    """Printed at A4 and Letter width (the page's margins taken off): nothing
    wider than the paper, and the wide charts are the ones shown."""
    url = cdp.file_url(bundled_report)
    browser.open(url, paper_width, 1000)
    browser.emulate_media("print")
    try:
        scroll_width, client_width = browser.evaluate(OVERFLOW)
        assert scroll_width <= client_width
        sizes = browser.evaluate(VISIBLE_SVGS)
        assert len(sizes) == 2
        for width_shown, height_shown, width_drawn, _ in sizes:  # wide, scaled
            assert width_drawn == 960 and 0 < width_shown <= paper_width
            assert height_shown > 100
        widest_table = browser.evaluate(
            "Math.max(...[...document.querySelectorAll('table')]"
            ".map(t => t.getBoundingClientRect().right))"
        )
        assert widest_table <= client_width
    finally:
        browser.emulate_media("")


def test_hostile_text_runs_nothing_and_fetches_nothing(
    browser: Any,
    tmp_path: Path,
    certcli: Callable[..., Any],
) -> None:
    path = tmp_path / "hostile.html"
    assert certcli("report", HOSTILE, "--as-of", AS_OF, "-o", path).code == 0
    url = cdp.file_url(path)
    page = browser.open(url, 1280, 800)
    _assert_clean(page, url)
    assert (
        browser.evaluate(
            "document.querySelectorAll('script, img, iframe, marquee, object').length"
        )
        == 0
    )
    assert browser.evaluate("document.querySelectorAll('style').length") == 1
    assert browser.evaluate("document.querySelectorAll('tr.claim').length") == 3
    assert browser.evaluate("getComputedStyle(document.body).display") == "block"
    scroll_width, client_width = browser.evaluate(OVERFLOW)
    assert scroll_width <= client_width, "hostile text widens the page"


# What an editor sees (issue 20), at both widths: numbers with separators, no
# raw Markdown, dates on one line, each claim's explanation beside its verdict,
# chart labels inside the chart and clear of each other, and only the tallies
# known by the as-of date.
EDITOR_VIEW = """
(() => {
  const visible = e => e.getClientRects().length > 0;
  const svgs = [...document.querySelectorAll('svg')].filter(
    s => s.getBoundingClientRect().width > 0);
  const inside = (outer, inner) => inner.left >= outer.left - 0.5
    && inner.right <= outer.right + 0.5;
  const overlap = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  const margin = svgs.find(s => s.querySelector('.margin-line'));
  const limits = [...margin.querySelectorAll('text.threshold-label')]
    .map(t => t.getBoundingClientRect());
  const axis = [...margin.querySelectorAll('.axis text.tick-label')]
    .map(t => t.getBoundingClientRect());
  const row = id => document.getElementById('claim-' + id);
  const cell = (id, label) => row(id) ? row(id).querySelector(
    `td[data-label="${label}"]`).innerText : null;
  return {
    backticks: (document.body.innerText.match(/`[^`]+`/g) || []),
    broken_dates: [...document.querySelectorAll('.nowrap')]
      .filter(e => visible(e) && e.getClientRects().length > 1)
      .map(e => e.textContent),
    labels_outside: svgs.flatMap(s => [...s.querySelectorAll('text')]
      .filter(t => !inside(s.getBoundingClientRect(), t.getBoundingClientRect()))
      .map(t => t.textContent)),
    limit_over_axis: limits.some(l => axis.some(a => overlap(l, a))),
    margin_points: margin.querySelectorAll('circle.margin-point').length,
    audit: [...document.querySelectorAll('dl.answers dt')].map(d => d.innerText)
      .filter(t => /audit/i.test(t)),
    computed: (cell('s001-biden-votes', 'Computed') || '').split('\\n')[0],
    stated: cell('s001-biden-votes', 'Stated'),
    verdict: cell('s000-margin', 'Verdict'),
    starter: cell('margin', 'Verdict'),
  };
})()
"""


@pytest.mark.parametrize(
    ("width", "height", "mobile"),
    [(1280, 800, False), (390, 844, True)],
    ids=["desktop", "phone"],
)
def test_what_an_editor_sees(
    browser: Any, bundled_report: Path, width: int, height: int, mobile: bool
) -> None:
    browser.open(cdp.file_url(bundled_report), width, height, mobile=mobile)
    seen = browser.evaluate(EDITOR_VIEW)
    assert seen["backticks"] == []
    assert seen["broken_dates"] == []
    assert seen["labels_outside"] == []
    assert seen["limit_over_axis"] is False
    # Nov 22: four tallies with a margin; the recount of Dec 7 is not yet known.
    assert seen["margin_points"] == 4
    assert seen["audit"] == ["Risk-limiting audit"]  # the file names its audit
    assert seen["computed"] == "2,474,507"
    assert "[2,465,000 to 2,475,000]" in seen["stated"]
    assert "Computed 12,284, outside [11,880 to 12,120]" in " ".join(
        seen["verdict"].split()
    )


@pytest.fixture(scope="module")
def starter_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A first file from `certcli new` whose margin claim is a round figure
    that does not hold (so its hint, with Markdown in it, is shown), before
    its tally: the first date on its axis is at the chart's left edge."""
    from certcli.cli import main

    folder = tmp_path_factory.mktemp("starter")
    data, page = folder / "town.yaml", folder / "town.html"
    for args in (
        ["new", "--jurisdiction", "Town", "--office", "Mayor", "--election-day",
         "2024-11-05", "--timezone", "America/Chicago", "-o", str(data)],
        ["report", str(data), "--as-of", "2024-12-02", "-o", str(page)],
    ):  # fmt: skip
        if args[0] == "report":
            text = data.read_text(encoding="utf-8")
            data.write_text(text.replace('"A": 52000', '"A": 52040'), encoding="utf-8")
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 0
    return page


@pytest.mark.parametrize(
    ("width", "height", "mobile"),
    [(1280, 800, False), (390, 844, True)],
    ids=["desktop", "phone"],
)
def test_what_an_editor_sees_of_a_first_file(
    browser: Any, starter_report: Path, width: int, height: int, mobile: bool
) -> None:
    browser.open(cdp.file_url(starter_report), width, height, mobile=mobile)
    seen = browser.evaluate(EDITOR_VIEW)
    assert seen["backticks"] == []
    assert seen["broken_dates"] == []
    assert seen["labels_outside"] == []
    assert seen["limit_over_axis"] is False
    assert seen["audit"] == ["If audited"]  # the file names no audit
    verdict = " ".join(seen["starter"].split())
    assert "Computed 4,040, outside = 4,000" in verdict
    assert "Hint:" in verdict and "write about 4,000 if" in verdict


def test_the_screenshots_in_docs_are_at_both_widths() -> None:
    """`python scripts/screenshots.py` writes them from the page tested above."""
    for name, size in (
        ("report-desktop.png", (1280, 800)),
        ("report-phone.png", (390, 844)),
    ):
        assert cdp.png_size((ROOT / "docs" / name).read_bytes()) == size

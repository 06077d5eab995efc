"""`certcli report`: the page's pieces, its safety with hostile text, determinism,
and the command line. The page in a real browser: tests/test_report_browser.py."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

from certcli.commands import BUNDLED_NOTICE
from certcli.figures.margins import margin_report
from certcli.figures.timeline import report as timeline_report
from certcli.loaded.loader import load
from certcli.render.charts import (
    CHAR_WIDTH,
    LAYOUTS,
    MARGIN,
    WIDE,
    date_ticks,
    margin_chart,
    nice_step,
    threshold_votes,
    timeline_chart,
)
from certcli.render.page import highlight, safe_link
from certcli.render.report_html import CONTRAST_PAIRS, PALETTE
from conftest import Run

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "src" / "certcli" / "data" / "events.yaml"
HOSTILE = ROOT / "tests" / "data" / "report" / "hostile.yaml"
AS_OF = "2020-11-22"


# --- pieces -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quote", "stated", "parts"),
    [
        (
            "Biden won 49.5% of Georgia's votes",
            "49.5%",
            (("Biden won ", False), ("49.5%", True), (" of Georgia's votes", False)),
        ),
        ("on Friday", "friday", (("on ", False), ("Friday", True))),
        ("12,000 votes", "12,000", (("12,000", True), (" votes", False))),
        ("nothing here", "36", (("nothing here", False),)),
        ("a quote", "  ", (("a quote", False),)),
        ("Straße 5", "5", (("Straße 5", False),)),  # casefold changes the length
    ],
)
def test_highlight_marks_the_stated_phrase(
    quote: str, stated: str, parts: tuple[tuple[str, bool], ...]
) -> None:
    assert highlight(quote, stated) == parts


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://sos.ga.gov/results", "https://sos.ga.gov/results"),
        ("http://example.org/?a=1&b=2", "http://example.org/?a=1&b=2"),
        ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ("ftp://example.org/file", None),
        ("https:///no-host", None),
        ("https://example.org/a b", None),
        (" https://example.org", None),
        ("https://example.org/\u202eexe", None),
        ("https://example.org/\x1b[2J", None),
        ("https://[::1", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url: str | None, link: str | None) -> None:
    assert safe_link(url) == link


@pytest.mark.parametrize(
    ("first", "last", "most", "ticks"),
    [
        ("2020-11-03", "2020-11-03", 4, ["2020-11-03"]),
        ("2020-11-03", "2020-11-06", 4, ["2020-11-03", "2020-11-04", "2020-11-05",
                                         "2020-11-06"]),
        ("2020-11-03", "2020-11-09", 4, ["2020-11-03", "2020-11-05", "2020-11-07",
                                         "2020-11-09"]),
        (
            "2020-11-03",
            "2021-01-05",
            9,
            ["2020-11-03", "2020-11-17", "2020-12-01", "2020-12-15", "2020-12-29"],
        ),
        ("2020-11-03", "2021-01-05", 4, ["2020-12-01", "2021-01-01"]),
        ("2020-01-15", "2023-06-01", 4, ["2021-01-01", "2022-01-01", "2023-01-01"]),
        ("2020-11-03", "2020-11-20", 1, ["2020-11-03"]),
    ],
)  # fmt: skip
def test_date_ticks(first: str, last: str, most: int, ticks: list[str]) -> None:
    days = date_ticks(date.fromisoformat(first), date.fromisoformat(last), most)
    assert [day.isoformat() for day in days] == ticks


@pytest.mark.parametrize(
    ("extent", "most", "step"),
    [(5, 5, 1), (6, 5, 2), (11, 5, 5), (26, 5, 10), (28740, 5, 10000), (1, 5, 1)],
)
def test_nice_step(extent: int, most: int, step: int) -> None:
    assert nice_step(Fraction(extent), most) == step


@pytest.fixture(scope="module")
def georgia():  # type: ignore[no-untyped-def]
    return load(BUNDLED)


def test_threshold_is_the_rule_applied_to_each_tally(georgia) -> None:  # type: ignore[no-untyped-def]
    margin = margin_report(georgia, "Biden")
    certified = next(r for r in margin.history if r.tally_id == "certified-2020-11-20")
    # 0.5 % of all 4,998,482 votes, exactly
    assert threshold_votes(certified.verdicts[0]) == Fraction(4998482, 200)
    partial = next(r for r in margin.history if r.tally_id.endswith("0910"))
    assert threshold_votes(partial.verdicts[0]) is None  # no total


def test_margin_chart_of_the_bundled_file(georgia) -> None:  # type: ignore[no-untyped-def]
    for layout in LAYOUTS:
        chart = margin_chart(margin_report(georgia, "Biden"), layout)
        assert chart is not None
        assert [(p.tally_id, p.stage, p.value) for p in chart.points] == [
            ("unofficial-2020-11-11-0805", "unofficial", "+14,101"),
            ("arlo-2020-11-11", "unofficial", "+14,057"),
            ("audit-2020-11-19", "audit", "+12,284"),
            ("certified-2020-11-20", "certified", "+12,670"),
            ("recertified-2020-12-07", "recertified", "+11,779"),
        ]
        limits = [(24958, 24959, 25002, 24992, 24988)]
        assert [t.votes for t in chart.thresholds] == limits
        assert [t.label for t in chart.y_ticks] == ["0", "10,000", "20,000", "30,000"]
        xs = [p.x for p in chart.points]
        assert xs == sorted(xs) and chart.plot_left < xs[0] < xs[-1] < chart.plot_right
        for point in chart.points:  # the stage over the value, clear of the point
            assert chart.plot_top <= point.stage_y < point.value_y
            assert point.value_y < point.y - 6 or point.stage_y > point.y + 6
        for left, right in zip(chart.points, chart.points[1:], strict=False):
            words = max(len(left.stage), len(right.stage), len(left.value))
            if left.below == right.below:  # side by side: room for both labels
                assert right.x - left.x >= words * CHAR_WIDTH
        assert [p.below for p in chart.points] == (
            [False] * 5 if layout is WIDE else [False, True, False, True, False]
        )
        assert chart.thresholds[0].mirror is None


def test_margin_chart_mirrors_the_limit_for_a_trailing_candidate(georgia) -> None:  # type: ignore[no-untyped-def]
    chart = margin_chart(margin_report(georgia, "Trump"), WIDE)
    assert chart is not None
    values = ["-14,101", "-14,057", "-12,284", "-12,670", "-11,779"]
    assert [p.value for p in chart.points] == values
    assert chart.thresholds[0].mirror is not None
    assert all(p.y > chart.zero_y for p in chart.points)


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_timeline_rows_and_labels_do_not_overlap(georgia, layout) -> None:  # type: ignore[no-untyped-def]
    timeline = timeline_report(georgia, date(2020, 11, 22))
    chart = timeline_chart(
        timeline.events, timeline.as_of, timeline.next_deadline, layout
    )
    assert chart is not None
    assert [row.event_id for row in chart.rows] == [s.event.id for s in timeline.events]
    boxes = []
    for row in chart.rows:
        assert row.band_y >= chart.plot_top and row.band_height > 0
        lines = row.lines
        widest = max(int(len(line) * CHAR_WIDTH) for line in lines)
        boxes.append(
            (
                row.line_x,
                row.line_y - 12,
                row.line_x + widest,
                row.line_y + 16 * (len(lines) - 1) + 4,
            )
        )
        assert chart.plot_left <= row.x <= row.x_end <= chart.plot_right
        if row.label:
            width = int(len(row.label) * CHAR_WIDTH)
            left = row.label_x if row.label_anchor == "start" else row.label_x - width
            assert left >= 0 and left + width <= chart.width
            boxes.append((left, row.y - 7, left + width, row.y + 8))  # baseline y + 5
        if layout is WIDE:  # titles stay in their column, left of the plot
            assert row.line_x + widest <= chart.plot_left - MARGIN // 2
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _overlaps(a, b), (a, b)
    bands = [(row.band_y, row.band_y + row.band_height) for row in chart.rows]
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(bands))
    assert chart.as_of_x is not None
    assert [t.label for t in chart.ticks][:1] == (
        ["Nov 3, 2020"] if layout is WIDE else ["Dec 1, 2020"]
    )  # fmt: skip


def test_a_long_title_is_cut_to_three_lines() -> None:
    from certcli.render.charts import _title_lines

    lines = _title_lines("word " * 200, 44)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= 44 for line in lines)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(("fore", "back"), CONTRAST_PAIRS)
def test_text_colours_have_a_contrast_of_at_least_4_5(fore: str, back: str) -> None:
    a, b = sorted((_luminance(PALETTE[fore]), _luminance(PALETTE[back])), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 4.5


def test_every_colour_class_of_the_style_sheet_is_in_the_palette() -> None:
    css = (files("certcli.render") / "templates" / "report.css").read_text(
        encoding="utf-8"
    )
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))
    assert used <= set(PALETTE)
    text_on = {fore for fore, _ in CONTRAST_PAIRS} | {
        back for _, back in CONTRAST_PAIRS
    }
    assert used - {"rule"} <= text_on  # every colour but the rules' is measured


def test_templates_ship_inside_the_package() -> None:
    templates = files("certcli.render") / "templates"
    assert (templates / "report.html").is_file()
    assert (templates / "report.css").is_file()


def test_every_template_is_package_data() -> None:
    """An editable install finds the templates anyway; a wheel only has the
    files that pyproject.toml's package-data names."""
    import fnmatch

    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = config.split("[tool.setuptools.package-data]", 1)[1]
    line = re.search(r"^certcli = \[(.*)\]$", section, re.MULTILINE)
    assert line is not None
    patterns = re.findall(r'"([^"]+)"', line.group(1))
    package = ROOT / "src" / "certcli"
    for template in (package / "render" / "templates").iterdir():
        name = template.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name


# --- the page -----------------------------------------------------------------


class _Page(HTMLParser):
    """Every tag with its attributes, the text, and the style sheet of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


ALLOWED_TAGS = {
    # HTML
    "html", "head", "meta", "title", "style", "body", "header", "nav", "main",
    "section", "footer", "h1", "h2", "h3", "h4", "p", "a", "code", "time", "dl",
    "dt", "dd", "ul", "li", "span", "strong", "table", "caption", "thead", "tbody",
    "tr", "th", "td", "figure", "figcaption", "blockquote", "mark", "div",
    # SVG
    "svg", "desc", "g", "rect", "line", "text", "tspan", "circle", "polygon",
    "polyline",
}  # fmt: skip


def _render(certcli: Callable[..., object], *args: str | Path) -> str:
    run = certcli("report", "--as-of", AS_OF, "-o", "-", *args)
    assert run.code == 0, run.err  # type: ignore[attr-defined]
    return run.out  # type: ignore[attr-defined, no-any-return]


def _structure_is_safe(page: _Page) -> None:
    for tag, attributes in page.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name, value)
            if name == "href":
                assert value is not None
                assert value.startswith("#") or re.match(r"https?://", value), value
        if tag == "a" and not attributes["href"].startswith("#"):  # type: ignore[union-attr]
            assert attributes.get("rel") == "noopener noreferrer"
    assert [tag for tag, _ in page.tags].count("style") == 1
    assert [tag for tag, _ in page.tags].count("meta") == 5


def test_the_bundled_page(certcli) -> None:  # type: ignore[no-untyped-def]
    html = _render(certcli)
    page = _parse(html)
    _structure_is_safe(page)
    claims = load(BUNDLED).model.claims
    rows = [a for tag, a in page.tags if tag == "tr" and a.get("class") == "claim"]
    assert [row["id"] for row in rows] == [f"claim-{c.id}" for c in claims]
    assert [a for tag, a in page.tags if tag == "svg"] and all(
        a.get("role") == "img" and a.get("aria-labelledby")
        for tag, a in page.tags
        if tag == "svg"
    )
    assert sum(tag == "svg" for tag, _ in page.tags) == 4  # two charts, two layouts
    text = " ".join("".join(page.text).split())
    assert (
        "Next deadline Runner-up may request a recount → closes"
        " Tue 2020-11-24 17:00 EST, in 2 days." in text
    )
    assert (
        "Latest margin Joe Biden leads Donald Trump by 12,670 votes (0.2535% of all"
        " votes) in tally certified-2020-11-20 (certified, 2020-11-20 16:00)." in text
    )
    assert (
        "A recount may be requested until Tue 2020-11-24 17:00 EST."
        " Tally certified-2020-11-20; O.C.G.A. § 21-2-495(c)." in text
    )
    assert (
        "Risk-limiting audit With a margin of 0.25 % of the ballots, an audit that"
        " lets a wrong outcome through at most 10 % of the time would expect to"
        " check 708,235 ballots by hand, picked at random; to be 90 % sure of"
        " needing only one round, 2,197,437 ballots, 44 % of all. That is so many"
        " that a full hand count is called for. Figured from tally"
        " certified-2020-11-20 (certified)." in text
    )
    assert "✓ consistent 63 ✗ inconsistent 2 ? unverifiable 0" in text
    assert "0 errors, 0 warnings, 2 notices" in text
    assert "<mark>almost exactly 12,000</mark>" in html
    units = [a for tag, a in page.tags if tag == "tr" and a.get("class") == "unit"]
    assert len(units) == 159
    assert "Biden led in 30 of 159 counties. Tally certified-2020-11-20, from" in text
    assert "Margin of Joe Biden over Donald Trump in each of 159 counties" in text
    assert "<script" not in html


def test_the_policy_forbids_scripts_and_fetches_and_allows_the_style_sheet(
    certcli: Callable[..., object],
) -> None:
    page = _parse(_render(certcli))
    policy = next(
        a["content"]
        for tag, a in page.tags
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    digest = base64.b64encode(hashlib.sha256(page.style.encode()).digest()).decode()
    assert policy == (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none';"
        " font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def test_hostile_text_is_shown_never_run(certcli: Callable[..., object]) -> None:
    html = _render(certcli, HOSTILE)
    page = _parse(html)
    _structure_is_safe(page)
    links = [a["href"] for tag, a in page.tags if tag == "a"]
    assert [link for link in links if not (link or "").startswith("#")] == [
        "https://example.org/results?x=1&y=2"
    ]
    for raw in ("\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069"):
        assert raw not in html
    text = "".join(page.text)
    # Shown as written, with the control and bidi characters spelled out.
    for shown in (
        "<script>alert('title')</script> \\x1b[2JU+202EevilU+202C"
        " \"quoted\" & 'single'",
        "\"><img src=x onerror=alert('ann')>",
        "<svg onload=alert('bob')>Bob\\x07",
        "\\x1b]0;retitled\\x07 publisher",
        "javascript:alert('url') (not linked: not an http(s) address)",
        "<style>body{display:none}</style>Election day",
        "Deadline U+2066isolatedU+2069 <marquee>",
        "</td></tr><script>alert('claim note')</script>",
        "\\x1b[31mred\\x1b[0m",
        "U+202Etxt.exe",
        "</dd><script>alert('citation')</script>",
        "</td><td>unit\\x1b[2JU+202E",
    ):
        assert shown in text, shown
    assert "</td><td>unit" not in html
    assert "<script" not in html and "<img" not in html and "<iframe" not in html


def test_same_inputs_give_the_same_bytes(certcli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for name in ("one.html", "two.html"):
        assert (
            certcli("report", HOSTILE, BUNDLED, "--as-of", AS_OF, "-o", name).code == 0
        )
    one, two = (
        (tmp_path / "one.html").read_bytes(),
        (tmp_path / "two.html").read_bytes(),
    )
    assert one == two
    assert date.today().isoformat() not in one.decode() or date.today() == date(
        2020, 11, 22
    )


def test_default_output_file_and_summary(certcli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    run = certcli("report", "--as-of", AS_OF)
    assert (run.code, run.out) == (0, "")
    assert run.err == BUNDLED_NOTICE + (
        "certcli report: 1 file, 65 claims: 63 consistent, 2 inconsistent,"
        " 0 unverifiable; 0 errors, 0 warnings, 2 notices; written to"
        " certcli-report.html\n"
    )
    html = (tmp_path / "certcli-report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n") and html.endswith("</html>\n")


def test_several_files_give_an_index_and_a_section_each(certcli) -> None:  # type: ignore[no-untyped-def]
    page = _parse(_render(certcli, BUNDLED, HOSTILE))
    _structure_is_safe(page)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)), "element ids must be unique"
    assert [a["id"] for tag, a in page.tags if tag == "section"] == ["file-1", "file-2"]
    index = [
        a["href"]
        for tag, a in page.tags
        if tag == "a" and a["href"] in {"#file-1", "#file-2"}
    ]
    assert index == ["#file-1", "#file-2"]
    claims = [
        a["id"] for tag, a in page.tags if tag == "tr" and a.get("class") == "claim"
    ]
    assert len(claims) == 65 + 3
    assert claims[0] == "file-1-claim-s000-certify-friday"
    assert claims[-3:] == [
        "file-2-claim-margin",
        "file-2-claim-wrong",
        "file-2-claim-share",
    ]


def test_a_file_that_cannot_be_read_is_reported_and_exits_2(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: certcli/1\nelection: {}\n", encoding="utf-8")
    run = certcli("report", bad.name, BUNDLED, "--as-of", AS_OF, "-o", "out.html")
    assert run.code == 2
    first = run.err.splitlines()[0]
    assert first == "bad.yaml:1:1: candidates: required key is missing"
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "Data errors: the file was not checked" in html
    assert first in _parse(html).text


def test_the_report_never_replaces_its_input(certcli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "events.yaml"
    data.write_bytes(BUNDLED.read_bytes())
    run = certcli("report", data, "--as-of", AS_OF, "-o", data)
    assert run.code == 2
    assert "never overwrites its input" in run.err
    assert data.read_bytes() == BUNDLED.read_bytes()


def test_an_unknown_candidate_is_a_usage_error(certcli) -> None:  # type: ignore[no-untyped-def]
    run = certcli("report", "--as-of", AS_OF, "--candidate", "Nobody", "-o", "-")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(
        BUNDLED_NOTICE + "Error: unknown candidate 'Nobody'; candidates: Biden"
    )


def test_candidate_picks_the_chart(certcli) -> None:  # type: ignore[no-untyped-def]
    html = _render(certcli, "--candidate", "trump")
    assert "Margin of Donald Trump over the runner-up, in votes, per tally" in html


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--as-of", AS_OF, "-f", "json"],
        ["timeline", "--as-of", AS_OF],
    ],
)
def test_other_commands_do_not_import_jinja2(args: list[str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from certcli.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str('jinja2' in sys.modules))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert run.stderr.endswith("False"), run.stderr


def test_problems_on_stderr_show_control_characters(certcli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "\x1b[2J.yaml"
    run = certcli("report", missing, "--as-of", AS_OF, "-o", tmp_path / "out.html")
    assert run.code == 2
    assert "\x1b" not in run.err
    assert run.err.startswith(f"{tmp_path}/\\x1b[2J.yaml:1:1: ")


def _glance(html: str) -> str:
    return " ".join("".join(_parse(html).text).split())


def test_the_answers_at_a_glance_use_only_tallies_known_by_the_as_of_date(
    certcli: Callable[..., Run],
) -> None:
    later = _glance(_render(certcli, "--as-of", "2020-12-08"))
    assert "by 11,779 votes (0.2357% of all votes) in tally recertified-2020-12-07" in (
        later
    )
    assert "Biden led in 30 of 159 counties. Tally recertified-2020-12-07" in later
    run = certcli("report", "--as-of", "2020-10-01", "-o", "-")
    assert run.code == 0, run.err
    before = _glance(run.out)
    assert "Latest margin No tally gives a margin by 2020-10-01." in before
    assert "Recount:" not in before
    assert "would expect to check" in later
    assert "would expect to check" not in before  # its tally: Nov 20
    assert "led in" not in before
    # The margin chart and the table of tallies stop at the as-of date too.
    assert "recertified-2020-12-07" in later
    nov_22 = _render(certcli, "--as-of", "2020-11-22")
    margin = nov_22[nov_22.index('id="margin"') : nov_22.index('id="claims"')]
    assert "certified-2020-11-20" in margin
    assert "recertified-2020-12-07" not in margin
    assert margin.count('<circle class="margin-point"') == 2 * 4  # both layouts
    assert "1 tally after the as-of date is not shown." in margin


def test_certcli_data_adds_no_file_to_files(certcli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.yaml").write_text("format: certcli/1\n", encoding="utf-8")
    monkeypatch.setenv("CERTCLI_DATA", "broken.yaml")
    run = certcli("report", BUNDLED, "--as-of", AS_OF, "-o", "page.html")
    assert run.code == 0, run.err
    assert "broken.yaml" not in (tmp_path / "page.html").read_text(encoding="utf-8")
    run = certcli("report", BUNDLED, "--data", "broken.yaml", "-o", "page.html")
    assert run.code == 2
    assert run.err.endswith("Error: give FILES or --data, not both\n")


def test_an_empty_output_name_is_a_usage_error(certcli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    run = certcli("report", "--as-of", AS_OF, "-o", "")
    assert run.code == 2
    assert run.err.endswith(
        "Error: Invalid value for '-o' / '--output': the file name is empty;"
        " give a file, or - for stdout\n"
    )
    assert list(tmp_path.iterdir()) == []


# --- what an editor reads (issue 20) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2474507", "2,474,507"),
        ("-12345", "-12,345"),
        ("[2465000, 2475000]", "[2,465,000 to 2,475,000]"),
        ("(11880, 12120]", "(11,880 to 12,120]"),
        ("= 1004", "= 1,004"),
        ("0.2535", "0.2535"),
        ("12284.5", "12,284.5"),
        ("[5.7, 6.3] weeks", "[5.7 to 6.3] weeks"),
        ("Friday (2020-11-20)", "Friday (2020-11-20)"),
        ("17:00 on Tuesday (2020-11-24)", "17:00 on Tuesday (2020-11-24)"),
        ("tally unofficial-2020-11-11-0730", "tally unofficial-2020-11-11-0730"),
    ],
)
def test_computed_values_and_intervals_have_thousands_separators(
    text: str, shown: str
) -> None:
    from certcli.render.report_html import grouped

    assert grouped(text) == shown


def test_prose_shows_code_as_code_and_keeps_dates_on_one_line() -> None:
    from certcli.render.report_html import prose

    assert str(prose("pin it with `expect: unverifiable` <b>")) == (
        "pin it with <code>expect: unverifiable</code> &lt;b&gt;"
    )
    assert str(prose("closes Tue 2020-11-24 17:00 EST, tally x-2020-11-20")) == (
        'closes <span class="nowrap">Tue 2020-11-24 17:00 EST</span>, tally'
        ' x-<span class="nowrap">2020-11-20</span>'
    )
    assert str(prose("\x1b[2J`")) == "\\x1b[2J`"


def test_no_markdown_is_shown_raw(certcli: Callable[..., Run]) -> None:
    html = _render(certcli, BUNDLED, HOSTILE)
    text = " ".join("".join(_parse(html).text).split())
    assert re.findall(r"`[^`]+`", text) == [], "raw Markdown on the page"


def test_a_claims_explanation_and_hint_are_beside_its_verdict(
    certcli: Callable[..., Run],
    tmp_path: Path,
) -> None:
    base = (ROOT / "tests" / "data" / "check" / "base.yaml").read_text(encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(
        base + "  - {id: round, source: paper, quote: q, metric: votes, candidate: Ann,"
        " tally: certified, stated: '500'}\n"
        + "  - {id: none, source: before, quote: q, metric: total, stated: '9'}\n",
        encoding="utf-8",
    )
    html = _render(certcli, path)
    cells = re.findall(r'<td data-label="Verdict">(.*?)</td>', html, re.DOTALL)
    by_id = dict(
        zip(
            re.findall(r'<tr class="claim" id="claim-([^"]+)">', html),
            cells,
            strict=True,
        )
    )
    assert "Computed 502, outside = 500, what “500” allows." in by_id["round"]
    assert "Hint: " in by_id["round"] and "about 500" in by_id["round"]
    assert (
        "Why: no tally is dated at or before the publication of before"
        ' (<span class="nowrap">2020-11-04</span>)' in by_id["none"]
    )


def test_the_audit_row_is_hypothetical_when_the_file_names_no_audit(
    certcli: Callable[..., Run],
    tmp_path: Path,
) -> None:
    starter = tmp_path / "starter.yaml"
    made = certcli(
        "new", "--jurisdiction", "Town", "--office", "Mayor", "--election-day",
        "2024-11-05", "--timezone", "America/Chicago", "-o", starter,
    )  # fmt: skip
    assert made.code == 0, made.err
    glance = _glance(_render(certcli, starter, "--as-of", "2024-12-31"))
    assert "If audited If a risk-limiting audit were run: " in glance
    assert "Risk-limiting audit" not in glance
    georgia = _glance(_render(certcli, BUNDLED))
    assert "Risk-limiting audit With a margin of 0.25 % of the ballots" in georgia


def test_long_after_the_election_the_page_is_as_of_the_files_last_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from certcli.commands.report import execute
    from certcli.loaded.loader import load
    from certcli.render.page import default_as_of, last_dated_day

    georgia = load(BUNDLED)
    assert last_dated_day(georgia) == date(2021, 1, 5)  # the Senate runoffs
    assert default_as_of([georgia], date(2021, 2, 4)) == (date(2021, 2, 4), None)
    assert default_as_of([georgia], date(2021, 2, 5))[0] == date(2021, 1, 5)
    out = tmp_path / "page.html"
    code = execute(
        paths=[BUNDLED], as_of=None, today=date(2026, 12, 5), candidate=None, output=out
    )
    assert code == 0
    header = _glance(out.read_text(encoding="utf-8")).split(" At a glance")[0]
    assert header.endswith(
        "certcli report as of Tuesday 2021-01-05 (the last date in the file:"
        " today, 2026-12-05, is long after it; --as-of chooses another day) ·"
        f" {BUNDLED}"
    )
    capsys.readouterr()


def test_date_labels_stay_inside_the_chart_and_limits_clear_the_axis() -> None:
    from datetime import date

    from certcli.figures.margins import margin_report
    from certcli.figures.timeline import report as timeline_report
    from certcli.loaded.loader import load
    from certcli.render.charts import (
        NARROW,
        WIDE,
        _text_width,
        margin_chart,
        timeline_chart,
    )

    georgia = load(BUNDLED)
    timeline = timeline_report(georgia, date(2020, 11, 22))
    for layout in (WIDE, NARROW):
        chart = timeline_chart(timeline.events, date(2020, 11, 22), None, layout)
        assert chart is not None
        for tick in chart.ticks:
            assert tick.label_x is not None
            half = _text_width(tick.label) // 2
            assert tick.label_x - half >= 2 and tick.label_x + half <= layout.width - 2
    small = load(ROOT / "tests" / "data" / "good" / "small.yaml")
    chart = timeline_chart(
        timeline_report(small, date(2024, 11, 8)).events,
        date(2024, 11, 8),
        None,
        NARROW,
    )
    assert chart is not None and chart.ticks[0].label_x != chart.ticks[0].position
    narrow = margin_chart(margin_report(georgia, "Biden"), NARROW)
    assert narrow is not None
    (limit,) = narrow.thresholds
    assert limit.label == "recount limit: 24,988"
    assert limit.label_x - _text_width(limit.label) >= narrow.plot_left

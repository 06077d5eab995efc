"""`certcli scan`: reading articles, finding figures, coverage, proposals, the CLI."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from certcli.articles.figures import find_figures, name_forms, sentences
from certcli.articles.scan import FORMAT, ScanResult, scan, source_for
from certcli.articles.text import article_from_text, read_article
from certcli.loaded.loader import load, load_bundled
from certcli.render.formats import SCAN_FORMATS, SCAN_RENDERERS
from conftest import Run, shared_seeds

DATA = Path(__file__).parent / "data"
PA = DATA / "good" / "pa-2020-president.yaml"
PA_ARTICLE = DATA / "articles" / "pa-2020-certified.md"
NAMES = name_forms(
    [("Biden", "Joe Biden"), ("Trump", "Donald Trump"), ("Jorgensen", "Jo Jorgensen")]
)


# --- reading articles ---------------------------------------------------------


def test_html_text_drops_scripts_and_styles_and_decodes_entities() -> None:
    page = (
        "<!doctype html><html><head><title>Count &amp; recount</title>"
        '<meta property="article:published_time" content="2020-11-21T10:00:00Z">'
        "<style>p::after { content: '99,999 votes' }</style></head>\n"
        "<body><script>var votes = '88,888 votes';</script>\n"
        "<p>Biden won by 12,670&nbsp;votes &mdash; on Friday.</p>"
        "<p>Second<br>line</p></body></html>"
    )
    article = article_from_text(page, "page.html", "html")
    assert article.text == (
        "Count & recount\n\nBiden won by 12,670 votes \u2014 on Friday."
        "\n\nSecond\n\nline"
    )
    # the time and its offset are kept: a source's published takes a date-time
    assert article.published is not None and article.published.isoformat() == (
        "2020-11-21T10:00:00+00:00"
    )
    at = article.text.index("12,670")
    assert article.where(at) == (3, 17)  # where the <p>'s text is in the file


def test_html_positions_hold_after_entities_comments_and_cdata() -> None:
    line = (
        "<p>Georgia&nbsp;&amp;&#160;&#x41;tlanta: <!-- 1 vote --> Trump "
        "<![CDATA[ 7 votes ]]>got 49.3&#37; and Biden 49.5&percnt; "
        "&unknown; 12,670.</p>"
    )
    article = article_from_text("<html>\n" + line + "\n", "page.html", "html")
    assert article.text == (
        "Georgia & Atlanta: Trump got 49.3% and Biden 49.5% &unknown; 12,670."
    )
    written = {"Atlanta": "&#x41;tlanta", "&unknown;": "&unknown;"}
    for text in ("Atlanta", "Trump", "49.3", "49.5", "&unknown;", "12,670"):
        column = line.index(written.get(text, text)) + 1
        assert article.where(article.text.index(text)) == (2, column), text


@pytest.mark.parametrize(
    "page",
    [
        # </head> may be left out: <body> ends the head
        "<html><head><title>T</title><meta charset=utf-8>\n<body><p>{}</p>",
        # and so does the first element that belongs in a body
        "<head><title>T</title>\n<p>{}</p>",
    ],
)
def test_an_unclosed_head_does_not_swallow_the_article(page: str) -> None:
    article = article_from_text(
        page.format("Biden won by 12,670 votes."), "page.html", "html"
    )
    assert article.text == "T\n\nBiden won by 12,670 votes."


def test_markdown_loses_its_markup_and_keeps_positions() -> None:
    source = "# Headline\n\nBiden **won** [Georgia](https://example.org) by *12,670*.\n"
    article = article_from_text(source, "a.md", "markdown")
    assert article.text == "Headline\n\nBiden won Georgia by 12,670."
    assert article.where(article.text.index("12,670")) == (3, 50)


def test_markdown_drops_html_comments_scripts_and_styles() -> None:
    source = (
        "<!-- draft: Biden won by 99,999 votes -->\n\n"
        "Biden won by 12,670 votes.\n\n"
        '<SCRIPT>var n = "77,777 votes";</Script>\n'
        "<style>p { content: '5 million' }</style>\n"
        "Trump had 2,461,837 <!--\nnot 2 votes\n--> votes.\n"
    )
    article = article_from_text(source, "a.md", "markdown")
    assert article.text == "Biden won by 12,670 votes.\n\nTrump had 2,461,837 votes."
    assert article.where(article.text.index("2,461,837")) == (7, 11)


def test_a_date_line_is_the_publication_date_not_text() -> None:
    article = article_from_text(" date 2020-11-20 The state will certify.", "a", "text")
    assert article.published is not None and str(article.published) == "2020-11-20"
    assert article.text == "The state will certify."


def test_an_impossible_date_line_is_a_located_error(tmp_path: Path) -> None:
    from certcli.core.errors import DataError

    path = tmp_path / "a.txt"
    path.write_text("\n date 2020-02-30 The state will certify.", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_article(path)
    assert str(error.value) == f"{path}:2:7: 'date 2020-02-30' is not a real date"


# --- figures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Biden had 12,670 votes.", [("count", "12,670", "12,670")]),
        (
            "a total of nearly 5 million",
            [("count", "nearly 5 million", "nearly 5 million")],
        ),
        ("Biden won 49.5% of the vote", [("percent", "49.5%", "49.5%")]),
        (
            "a margin of less than half a percent",
            [("percent", "less than half a percent", "less than 0.5%")],
        ),
        (
            "up 2.5 percentage points",
            [("percent", "2.5 percentage points", "2.5 percentage points")],
        ),
        ("by Nov. 20 at the latest", [("date", "Nov. 20", "Nov. 20")]),
        ("on Friday, Nov. 20", [("date", "Friday, Nov. 20", "Friday, Nov. 20")]),
        ("It met on Friday.", [("weekday", "Friday", "Friday")]),
        ("until 5 p.m. Saturday", [("time", "5 p.m. Saturday", "5 p.m. Saturday")]),
        (
            "until the close of business on Tuesday",
            [
                (
                    "time",
                    "the close of business on Tuesday",
                    "the close of business on Tuesday",
                )
            ],
        ),
        (
            "They have two business days",
            [("duration", "two business days", "2 business days")],
        ),
        ("for about six weeks", [("duration", "about six weeks", "about 6 weeks")]),
        ("the 5th District", [("ordinal", "5th", "5th")]),
        ("the first time", [("ordinal", "first", "first")]),
        ("on the ballot in 2020.", [("year", "2020", "2020")]),
        (
            "Georgia gives 16 electoral votes",
            [("electoral", "16 electoral votes", "16")],
        ),
        ("Biden won Georgia.", [("leader", "Biden won", "Biden")]),
        ("confirmed the victory of Biden", [("leader", "victory of Biden", "Biden")]),
        ("Biden\u2019s win in Georgia", [("leader", "Biden\u2019s win", "Biden")]),
        ("Joe Biden defeated Trump", [("leader", "Joe Biden defeated", "Joe Biden")]),
        # a share, not a statement of who won; a name in a word is no name
        ("Biden won 49.5% of it", [("percent", "49.5%", "49.5%")]),
        ("11Alive reports", []),
        ("We've had a second to think", []),
        # terminal control sequences are not figures, what they surround is
        (
            "\x1b]0;2 votes\x07Biden won by 12,670 votes \x1b[31;1m\x1b[2J\x1b[0m.",
            [("count", "12,670", "12,670")],
        ),
    ],
)
def test_figures(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(f.kind, f.text, f.stated) for f in find_figures(text, NAMES)]
    assert found == expected


def test_a_live_blog_entry_time_is_marked() -> None:
    text = (
        "Intro.\n\n8:05 a.m. | We have 96 counties.\n\n10:30 a.m.: A press conference."
    )
    figures = find_figures(text, NAMES)
    assert [(f.text, f.entry_time) for f in figures if f.kind == "time"] == [
        ("8:05 a.m.", True),
        ("10:30 a.m.", False),
    ]


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = (
        "Sec. Raffensperger spoke at 5 p.m. Friday. He said so."
        " The Dec. 1 runoffs moved."
    )
    assert [s.text for s in sentences(text)] == [
        "Sec. Raffensperger spoke at 5 p.m. Friday.",
        "He said so.",
        "The Dec. 1 runoffs moved.",
    ]


def test_a_run_of_text_without_sentence_ends_is_cut_between_words() -> None:
    from certcli.articles.figures import LONGEST_SENTENCE

    # no full stop in 50,000 characters: each figure's sentence (its quote,
    # and the words its metric, candidate and event are chosen from) is cut
    # to a bounded length, so a scan's work grows with the article, not with
    # its square
    text = "Biden got 12,670 votes and " * 2000 + "Trump 2,461,837"
    found = sentences(text)
    assert max(len(s.text) for s in found) <= LONGEST_SENTENCE
    assert " ".join(s.text for s in found) == text
    assert all(text[s.start - 1] == " " for s in found[1:])  # cut between words
    assert found[0].text.startswith("Biden got 12,670 votes and Biden")
    figures = find_figures(text, NAMES)
    assert len(figures) == 2001
    assert all(len(f.sentence.text) <= LONGEST_SENTENCE for f in figures)
    # a figure the cut would split keeps its sentence whole to its end, so the
    # proposal's quote holds it
    split = "word " * 198 + "nearly 5 million votes and " + "more " * 300
    assert sentences(split)[0].text.endswith("nearly 5")
    (figure,) = find_figures(split, NAMES)
    assert figure.text == "nearly 5 million"
    assert figure.sentence.text.endswith("nearly 5 million")


# --- the reference articles against the bundled file --------------------------


# Claims of the bundled file whose quote covers no figure, and why.
KNOWN_MISSES = {
    # a yes/no answer; the figure in its quote ("close of business on
    # Tuesday") is the time claims' to cover
    "s000-recount-eligible",
    # the weekday is the live blog's heading ("WEDNESDAY UPDATES"), not in the quote
    "s002-audit-announcement-wednesday",
}


def _seed_scans() -> dict[str, ScanResult]:
    seeds = Path(shared_seeds())
    contest = load_bundled()
    results = {}
    for path in sorted(seeds.glob("*.txt")):
        results[path.name] = scan(
            contest,
            read_article(path),
            source=source_for(contest, path),
            article_path=path,
        )
    assert len(results) == 3
    return results


def test_every_figure_a_bundled_claim_covers_is_reported_covered() -> None:
    results = _seed_scans()
    contest = load_bundled()
    sources = {r.source for r in results.values()}
    claims = [c.id for c in contest.model.claims if c.source in sources]
    covering = {
        claim.id
        for result in results.values()
        for figure in result.figures
        if figure.status == "covered"
        for claim in figure.claims
    }
    missed = set(claims) - covering
    assert missed == KNOWN_MISSES
    share = len(covering & set(claims)) / len(claims)
    assert share >= 0.95, f"covered share {share:.1%}"
    assert all(not result.stale for result in results.values())
    # what the scan page says of the three articles
    totals = [
        sum(r.count(status) for r in results.values())
        for status in ("covered", "uncovered", "unmappable")
    ]
    assert totals == [58, 5, 30]


def test_figures_the_bundled_file_leaves_out_get_sensible_answers() -> None:
    results = _seed_scans()
    status = {
        (name[:3], figure.figure.text, figure.line): figure
        for name, result in results.items()
        for figure in result.figures
    }

    def one(seed: str, text: str, many: bool = False) -> object:
        found = [
            f
            for (s, t, _), f in status.items()
            if s == seed and t == text and not (f.figure.entry_time and many)
        ]
        assert len(found) == 1, (seed, text, found)
        return found[0]

    unmappable = {
        ("000", "Biden winning"): "about the nation, not this contest",
        ("001", "nearly 30 years"): "a duration in a unit certcli does not measure"
        " (hours, days, business days or weeks)",
        ("001", "2020"): "a year: no metric states it",
        ("002", "about five minutes"): "a duration in a unit certcli does not measure"
        " (hours, days, business days or weeks)",
        ("002", "about 14 hours"): "a duration, but no two events of the file fit"
        " the sentence, each by a word of its own",
        ("002", "four"): "a count of something no metric measures (not votes, a"
        " margin or units)",
        ("002", "10:00 a.m."): "no event of the file on 2020-11-11, the day of the"
        " source, shares a word with the sentence",
        ("002", "8:05 a.m."): "the time of a live blog's entry: it dates the entry"
        " and states no figure",
    }
    for (seed, text), reason in unmappable.items():
        figure = one(seed, text, many=text == "10:00 a.m.")
        assert (figure.status, figure.reason) == ("unmappable", reason)  # type: ignore[attr-defined]
    # The press conference's time: the audit announcement of that day, whose
    # time the file does not give, so the proposal cannot be checked.
    conference = one("002", "10:30 a.m.")
    assert conference.status == "uncovered"  # type: ignore[attr-defined]
    assert dict(conference.proposal) == {  # type: ignore[attr-defined]
        "id": "seed-002-time-10-30-a-m",
        "source": "seed-002",
        "quote": "10:30 a.m.: We're expecting a press conference from the Secretary"
        " of State's Office at this time",
        "metric": "time",
        "event": "audit-announcement",
        "stated": "10:30 a.m.",
    }
    assert conference.claims[0].verdict == "unverifiable"  # type: ignore[attr-defined]


# --- proposals pasted into a data file pass check -----------------------------


def _paste(yaml_out: str, data: str) -> str:
    """The data file with the scan's source and claims pasted in, by hand's way."""
    lines = yaml_out.splitlines(keepends=True)
    at_sources = lines.index("sources:\n")
    at_claims = lines.index("claims:\n")
    source_block = "".join(lines[at_sources + 1 : at_claims])
    claims_block = "".join(lines[at_claims:])
    assert data.count("\nsources:\n") == 1 and data.count("\nclaims: []\n") == 1
    data = data.replace("\nsources:\n", "\nsources:\n" + source_block)
    return data.replace("\nclaims: []\n", "\n" + claims_block)


def test_proposed_claims_pasted_in_pass_check_with_the_verdicts_they_deserve(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    scanned = certcli("scan", PA_ARTICLE, "--data", PA, "-f", "yaml")
    assert scanned.code == 1, scanned.err  # every figure is uncovered
    copy = tmp_path / "pa.yaml"
    copy.write_text(
        _paste(scanned.out, PA.read_text(encoding="utf-8")), encoding="utf-8"
    )
    checked = certcli("check", copy, "-f", "json", "--as-of", "2021-01-01")
    report = json.loads(checked.out)
    verdicts = {c["stated"]: c["verdict"] for c in report["claims"]}
    assert verdicts == {
        "Biden": "consistent",
        "Tuesday": "consistent",
        "Joe Biden": "consistent",
        "3,458,229": "consistent",
        "3.39 million": "inconsistent",  # Trump had 3,377,674: 3.38 million
        "79,380": "consistent",
        "80,555": "consistent",
        "about 1.2%": "consistent",
        "50.0%": "consistent",
        "48.8%": "consistent",
        "67": "consistent",
        "Nov. 23": "consistent",
        "20": "consistent",
        "3 business days": "consistent",
        "5 p.m. on Tuesday, Dec. 1": "consistent",
        "Dec. 8": "consistent",
        "Monday, Dec. 14": "consistent",
    }
    assert len(report["claims"]) == 18  # "Biden" twice
    assert checked.code == 1  # the wrong figure is an error
    # scanned again, every figure is covered, each with the verdict check gives
    again = certcli("scan", PA_ARTICLE, "--data", copy, "-f", "json")
    document = json.loads(again.out)
    assert document["summary"] == {
        "figures": 18,
        "covered": 18,
        "uncovered": 0,
        "unmappable": 0,
        "stale": 0,
    }
    assert again.code == 0


# --- the command --------------------------------------------------------------


def _article(tmp_path: Path, text: str, name: str = "seed.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_is_versioned_and_names_every_status(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # the bundled file's source seed-000 names 000_ef56c949f728b8b0.txt
    path = _article(
        tmp_path,
        "Biden won 49.5% of Georgia's votes, compared to 49.3% for Trump.\n\n"
        "The margin of victory for Biden was exactly 12,670 votes.\n\n"
        "Georgia backed a Democrat for the first time.\n",
        "000_ef56c949f728b8b0.txt",
    )
    run = certcli("scan", path, "-f", "json")
    document = json.loads(run.out)
    assert document["format"] == FORMAT == "certcli-scan/1"
    assert document["source"] == "seed-000"
    assert [(f["text"], f["status"]) for f in document["figures"]] == [
        ("49.5%", "covered"),
        ("49.3%", "covered"),
        ("victory for Biden", "uncovered"),
        ("12,670", "uncovered"),
        ("first", "unmappable"),
    ]
    margin = document["figures"][3]
    assert margin["proposal"]["metric"] == "margin"
    assert margin["claims"][0]["verdict"] == "consistent"  # the certified margin
    # every other claim of seed-000 quotes what this text does not say
    assert document["summary"]["stale"] == len(document["stale"]) == 17
    assert run.code == 1
    assert run.err == ""


def test_every_format_renders(certcli: Callable[..., Run], tmp_path: Path) -> None:
    assert set(SCAN_FORMATS) == set(SCAN_RENDERERS) == {"table", "json", "yaml"}
    for format_ in SCAN_FORMATS:
        run = certcli("scan", PA_ARTICLE, "--data", PA, "-f", format_)
        assert run.code == 1 and run.out and run.err == "", format_


def test_yaml_is_yaml_and_keeps_hostile_text_inert(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    from ruamel.yaml import YAML

    path = _article(
        tmp_path,
        "Biden had 2.47 million votes \x1b[2J \u202e, as for the first time.\n",
    )
    run = certcli("scan", path, "--published", "2020-11-21", "-f", "yaml")
    assert "\x1b" not in run.out and "\u202e" not in run.out
    loaded = YAML(typ="safe").load(run.out)
    quote = loaded["claims"][0]["quote"]
    assert (
        quote == "Biden had 2.47 million votes \x1b[2J \u202e, as for the first time."
    )
    table = certcli("scan", path, "--published", "2020-11-21")
    assert "\x1b" not in table.out and "votes \\x1b[2J U+202E, as" in table.out


def test_usage_errors(certcli: Callable[..., Run], tmp_path: Path) -> None:
    path = _article(tmp_path, "Biden had 2.47 million votes.\n", "story.txt")
    no_source = certcli("scan", path)
    assert no_source.code == 2 and no_source.out == ""
    assert "no source of" in no_source.err and "give --source ID" in no_source.err
    unknown = certcli("scan", path, "--source", "nope")
    assert (unknown.code, unknown.err) == (
        2,
        "Error: unknown source 'nope' (sources: ap-kemp-electors, ga-sos-audit,"
        " ga-sos-certified, ga-sos-recount, nara-electoral-college, seed-000,"
        " seed-001, seed-002, votingworks-arlo, wtoc-audit)\n",
    )
    both = certcli("scan", path, "--source", "seed-001", "--published", "2020-11-21")
    assert both.code == 2 and "has its own published date" in both.err
    missing = certcli("scan", tmp_path / "absent.txt")
    assert (missing.code, missing.err) == (
        2,
        f"{tmp_path / 'absent.txt'}:1:1: no such file\n",
    )
    folder = certcli("scan", tmp_path)
    assert folder.code == 2 and "is a directory; expected an article" in folder.err
    binary = _article(tmp_path, "", "bad.txt")
    binary.write_bytes(b"ok\n\xff\n")
    bad = certcli("scan", binary, "--source", "seed-001")
    assert (bad.code, bad.err) == (
        2,
        f"{binary}:2:1: byte 0xff is not UTF-8; save the file as UTF-8\n",
    )


def test_the_input_is_never_the_output(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    article = tmp_path / "story.md"
    shutil.copyfile(PA_ARTICLE, article)
    before = article.read_bytes()
    run = certcli("scan", article, "--data", PA, "-o", article)
    assert run.code == 2 and article.read_bytes() == before


def test_a_proposal_the_file_would_refuse_is_unmappable_with_the_message() -> None:
    from certcli.articles.judge import judge

    contest = load(PA)
    tally = "certified-2020-11-24"
    proposals = [
        {"id": "x-1", "source": "pa-dos", "quote": "q", "metric": "votes",
         "candidate": "Biden", "tally": tally, "stated": "3.46 million"},
        {"id": "x-2", "source": "pa-dos", "quote": "q", "metric": "votes",
         "candidate": "Nobody", "tally": tally, "stated": "1"},
    ]  # fmt: skip
    first, second = judge(contest, "pa-dos", None, proposals)
    assert not isinstance(first, str) and first.verdict == "consistent"
    assert isinstance(second, str)
    assert second.startswith("the file would refuse the claim: unknown candidate")


# --- check: sources[].file and --articles -----------------------------------------


def test_check_articles_reports_uncovered_figures_of_the_reference_articles(
    certcli: Callable[..., Run],
) -> None:
    seeds = shared_seeds()
    run = certcli("check", "--articles", seeds, "-f", "json", "--as-of", "2021-01-01")
    findings = json.loads(run.out)["findings"]
    uncovered = [
        (Path(f["file"]).name[:3], f["line"], f["subject"])
        for f in findings
        if f["rule"] == "article-uncovered-figure"
    ]
    assert uncovered == [
        ("000", 19, "seed-000-leader-biden"),
        ("001", 3, "seed-001-leader-biden"),
        ("002", 59, "seed-002-time-10-30-a-m"),
        ("002", 61, "seed-002-time-1-00-p-m"),
        ("002", 63, "seed-002-leader-biden"),
    ]
    assert not [f for f in findings if f["rule"] == "article-stale-claim"]
    assert run.code == 1


def _linked_copy(tmp_path: Path, certcli: Callable[..., Run]) -> Path:
    """A copy of the Pennsylvania file whose new source names the article
    with `file:`, and the proposed claims pasted in."""
    article = tmp_path / "story.md"
    shutil.copyfile(PA_ARTICLE, article)
    out = certcli("scan", article, "--data", PA, "-f", "yaml").out
    out = out.replace('    document: "story.md"\n', '    file: "story.md"\n')
    copy = tmp_path / "pa.yaml"
    copy.write_text(_paste(out, PA.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def test_a_source_file_is_scanned_by_check(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    copy = _linked_copy(tmp_path, certcli)
    scanned = certcli("scan", tmp_path / "story.md", "--data", copy, "-f", "json")
    assert json.loads(scanned.out)["source"] == "story"  # found by its file:
    assert scanned.code == 0
    clean = certcli("check", copy, "-f", "json", "--as-of", "2021-01-01")
    rules = [f["rule"] for f in json.loads(clean.out)["findings"]]
    assert rules == ["claim-inconsistent"]  # Trump's 3.39 million only
    # the article is edited: a quoted sentence goes, a new figure comes
    article = tmp_path / "story.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("Biden won 50.0% of the vote, compared to 48.8% for Trump.", "")
    article.write_text(text + "\nTurnout reached 6,915,283 votes.\n", encoding="utf-8")
    edited = certcli("check", copy, "--as-of", "2021-01-01", "-f", "json")
    findings = json.loads(edited.out)["findings"]
    stale = [
        (f["subject"], f["line"])
        for f in findings
        if f["rule"] == "article-stale-claim"
    ]
    lines = copy.read_text(encoding="utf-8").splitlines()
    assert [s for s, _ in stale] == [
        "story-share-50-0",
        "story-share-48-8",
    ]
    assert all(lines[line - 1].lstrip().startswith("quote:") for _, line in stale)
    uncovered = [
        (f["file"], f["line"], f["message"])
        for f in findings
        if f["rule"] == "article-uncovered-figure"
    ]
    assert uncovered == [
        (
            str(article),
            23,
            "count '6,915,283' of source story is in no claim's quote; proposed:"
            " total '6,915,283', consistent (computed 6915283); `certcli scan"
            f" {article} --data {copy} -f yaml` prints it to paste",
        )
    ]
    assert edited.code == 1


def test_a_source_file_that_cannot_be_read_is_a_located_error(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    copy = _linked_copy(tmp_path, certcli)
    (tmp_path / "story.md").unlink()
    run = certcli("check", copy, "--as-of", "2021-01-01")
    line = next(
        number
        for number, text in enumerate(copy.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip() == 'file: "story.md"'
    )
    assert run.code == 2
    assert (
        f"{copy}:{line}:11: sources.story.file: article {tmp_path / 'story.md'}:1:1:"
        " no such file\n"
    ) in run.err


def test_the_manual_shows_a_real_scan_of_seed_000(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each `<!-- scan: ARGS -->` block of the scan page is what `certcli scan
    ARGS` prints from a checkout with the articles beside it (a copy of both,
    so that the paths and their wrapping are the page's)."""
    seeds = Path(shared_seeds())
    root = Path(__file__).resolve().parent.parent
    page = (root / "docs" / "commands" / "scan.md").read_text(encoding="utf-8")
    shutil.copytree(root / "data", tmp_path / "certcli" / "data")
    shutil.copytree(seeds, tmp_path / "shared" / "seeds")
    monkeypatch.chdir(tmp_path / "certcli")
    monkeypatch.delenv("COLUMNS", raising=False)
    blocks = re.findall(r"<!-- scan: (.*?) -->\n```\w+\n(.*?)```", page, re.DOTALL)
    assert len(blocks) == 2
    for args, shown in blocks:
        run = certcli("scan", *args.split())
        assert run.code == 1
        assert run.out == shown, args


def test_an_html_article_is_read_as_html(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    page = _article(
        tmp_path,
        '<html><head><meta name="date" content="2020-11-21">'
        "<script>document.write('Biden had 9,999,999 votes')</script></head>"
        "<body><p>Biden had 2.47&nbsp;million votes.</p></body></html>",
        "story.html",
    )
    run = certcli("scan", page, "-f", "json")
    document = json.loads(run.out)
    assert document["new_source"] == {
        "title": "Biden had 2.47 million votes.",
        "published": "2020-11-21",
        "document": "story.html",
    }
    assert [(f["text"], f["line"], f["column"]) for f in document["figures"]] == [
        ("2.47 million", 1, 138)
    ]
    assert document["figures"][0]["claims"][0]["verdict"] == "consistent"


@pytest.mark.slow
@pytest.mark.subprocess
def test_an_article_read_by_a_worker_process_is_never_the_output(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    """Two files, each checked by a process of its own (a real run: the
    workers read the articles, and this process must still refuse them)."""
    import os
    import subprocess
    import sys

    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        _linked_copy(tmp_path / name, certcli)
    article = tmp_path / "one" / "story.md"
    before = article.read_bytes()
    command = [sys.executable, "-m", "certcli", "check", str(tmp_path)]
    done = subprocess.run(
        [*command, "--as-of", "2021-01-01", "-o", str(article)],
        env={**os.environ, "CERTCLI_JOBS": "2"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "overwrites its input" in done.stderr
    assert article.read_bytes() == before


# --- careless and hostile articles --------------------------------------------


def _proposals(text: str, published: str = "2020-11-21") -> list[tuple[str, ...]]:
    """(figure, metric, candidate, verdict) of each proposal for `text` against
    the bundled file, as a new source published on `published`."""
    from datetime import date

    contest = load_bundled()
    article = article_from_text(text, "story.txt", "text")
    result = scan(
        contest, article, source=None, published=date.fromisoformat(published)
    )
    return [
        (
            f.figure.text,
            f.proposal["metric"],
            f.proposal.get("candidate", ""),
            f.claims[0].verdict,
        )
        for f in result.figures
        if f.proposal is not None
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "won by" and "leads ... by" say a margin, of the one who won or leads
        (
            "Biden won Georgia by 12,670 votes.",
            [
                ("Biden won", "leader", "", "consistent"),
                ("12,670", "margin", "Biden", "consistent"),
            ],
        ),
        (
            "Biden leads Trump by 12,670 votes, or 0.25 percentage points.",
            [
                ("Biden leads", "leader", "", "consistent"),
                ("12,670", "margin", "Biden", "consistent"),
                ("0.25 percentage points", "margin_percent", "Biden", "consistent"),
            ],
        ),
        (
            "Biden's lead over Trump was 12,670 votes.",
            [
                ("Biden's lead", "leader", "", "consistent"),
                ("12,670", "margin", "Biden", "consistent"),
            ],
        ),
        # "points" alone could be anything: no margin of 0.3 votes proposed
        (
            "Biden won Georgia by 0.3 points.",
            [("Biden won", "leader", "", "consistent")],
        ),
        # a candidate in the figure's own clause, not the nearest across a ";"
        (
            "Biden received 2,474,507 votes; Trump received 2,461,837.",
            [
                ("2,474,507", "votes", "Biden", "consistent"),
                ("2,461,837", "votes", "Trump", "consistent"),
            ],
        ),
        (
            "Biden got 49.5 percent, while Trump got 49.3 percent.",
            [
                ("49.5 percent", "share", "Biden", "consistent"),
                ("49.3 percent", "share", "Trump", "consistent"),
            ],
        ),
    ],
)
def test_proposals_name_the_candidate_the_sentence_means(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _proposals(text) == expected


def _events(text: str, published: str = "2020-12-28") -> list[tuple[str, ...]]:
    """(figure, event, verdict) of each proposal for `text`."""
    from datetime import date

    contest = load_bundled()
    article = article_from_text(text, "story.txt", "text")
    result = scan(
        contest, article, source=None, published=date.fromisoformat(published)
    )
    return [
        (f.figure.text, f.proposal.get("event", ""), f.claims[0].verdict)
        for f in result.figures
        if f.proposal is not None
    ]


def test_of_events_alike_in_words_a_date_names_the_one_on_its_day() -> None:
    # four events speak of runoffs; one on Jan. 5 is the one meant (from a
    # story of late December: across the year's end)
    assert _events("The runoff is Tuesday, Jan. 5.") == [
        ("Tuesday, Jan. 5", "statewide-runoffs", "consistent")
    ]
    # a weekday alone: of three audit events, the one that starts on a Friday
    assert _events("The audit starts on Friday.") == [
        ("Friday", "risk-limiting-audit", "consistent")
    ]
    # words still decide first: a wrong date stays wrong
    assert _events("The Senate runoffs are on Dec. 1.") == [
        ("Dec. 1", "senate-runoffs", "inconsistent")
    ]


def test_an_article_that_never_names_the_file_s_state_says_so(
    certcli: Callable[..., Run],
) -> None:
    # a Georgia story against the Pennsylvania file: its proposals would judge
    # Georgia's figures by Pennsylvania's tallies
    path = DATA / "articles" / "ga-story.txt"
    note = (
        "the article never names Pennsylvania, the data file's jurisdiction:"
        " its figures may be about another contest"
    )
    run = certcli("scan", path, "--data", PA, "--published", "2020-11-21")
    assert run.code == 1 and f" Note: {note} " in " ".join(run.out.split())
    as_json = certcli(
        "scan", path, "--data", PA, "--published", "2020-11-21", "-f", "json"
    )
    assert json.loads(as_json.out)["notes"] == [note]
    as_yaml = certcli(
        "scan", path, "--data", PA, "--published", "2020-11-21", "-f", "yaml"
    )
    assert f"\n# Note: {note}\n" in as_yaml.out
    # the Pennsylvania story names its state: no note
    own = certcli("scan", PA_ARTICLE, "--data", PA, "-f", "json")
    assert json.loads(own.out)["notes"] == []


def test_one_figure_is_counted_in_the_singular(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = _article(tmp_path, "Georgia certified on Friday.\n", "story.txt")
    table = certcli("scan", path, "--published", "2020-11-21")
    assert "\n1 figure: 0 covered, 1 uncovered, 0 unmappable; 0 stale claims\n" in (
        table.out
    )
    as_yaml = certcli("scan", path, "--published", "2020-11-21", "-f", "yaml")
    assert "# source story: 1 figure, 0 covered, 1 proposed" in as_yaml.out


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_a_publication_date_at_the_calendar_s_ends_is_no_crash(
    certcli: Callable[..., Run], tmp_path: Path, published: str
) -> None:
    path = _article(tmp_path, "Biden won Georgia by 12,670 votes on Friday, Nov. 20.\n")
    run = certcli("scan", path, "--published", published, "-f", "json")
    assert run.err == "" and run.code in (0, 1), run.err
    document = json.loads(run.out)
    assert document["published"] == published
    assert document["summary"]["figures"] == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A x, B y": each figure is the candidate's named just before it
        (
            "In Georgia, Biden had 49.5%, Trump 49.3%.",
            [
                ("49.5%", "share", "Biden", "consistent"),
                ("49.3%", "share", "Trump", "consistent"),
            ],
        ),
        (
            "In Georgia, Biden received 2,474,507 votes, Trump 2,461,837.",
            [
                ("2,474,507", "votes", "Biden", "consistent"),
                ("2,461,837", "votes", "Trump", "consistent"),
            ],
        ),
        # "x to B's y": y is B's
        (
            "In Georgia, Trump finished with 49.3% to Biden's 49.5%.",
            [
                ("49.3%", "share", "Trump", "consistent"),
                ("49.5%", "share", "Biden", "consistent"),
            ],
        ),
        # none before it: the one named after it, before the next figure
        (
            "In Georgia, Trump got 49.3%, to 49.5% for Biden.",
            [
                ("49.3%", "share", "Trump", "consistent"),
                ("49.5%", "share", "Biden", "consistent"),
            ],
        ),
    ],
)
def test_a_figure_belongs_to_the_candidate_named_just_before_it(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _proposals(text) == expected


def _unmappable(text: str) -> list[tuple[str, str]]:
    """(figure, reason) of each unmappable figure of `text`."""
    from datetime import date

    article = article_from_text(text, "story.txt", "text")
    result = scan(load_bundled(), article, source=None, published=date(2020, 11, 21))
    return [
        (f.figure.text, f.reason or "")
        for f in result.figures
        if f.status == "unmappable"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # two candidates before it, none between: whose it is is unclear
        "In Georgia, Biden and Trump got 2,474,507 votes.",
        "In Georgia, 12,670 votes separate Biden and Trump.",
    ],
)
def test_a_figure_two_candidates_could_own_is_unmappable(text: str) -> None:
    assert _proposals(text) == []
    ((_, reason),) = _unmappable(text)
    assert "whose figure it is is unclear" in reason or "who leads" in reason


def _margins(text: str) -> list[tuple[str, ...]]:
    """(figure, metric, candidate, opponent, stated, verdict) of each proposal."""
    from datetime import date

    article = article_from_text(text, "story.txt", "text")
    result = scan(load_bundled(), article, source=None, published=date(2020, 11, 21))
    return [
        (
            f.figure.text,
            f.proposal["metric"],
            f.proposal.get("candidate", ""),
            f.proposal.get("opponent", ""),
            f.proposal["stated"],
            f.claims[0].verdict,
        )
        for f in result.figures
        if f.proposal is not None and f.proposal["metric"] != "leader"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In Georgia, Biden led by 12,670 votes.",
            ("12,670", "margin", "Biden", "", "12,670"),
        ),
        # the leader's margin over the one who trails
        (
            "In Georgia, Trump trailed Biden by 12,670 votes.",
            ("12,670", "margin", "Biden", "Trump", "12,670"),
        ),
        (
            "In Georgia, Biden finished 12,670 votes ahead of Trump.",
            ("12,670", "margin", "Biden", "Trump", "12,670"),
        ),
        (
            "In Georgia, Trump finished 12,670 votes behind Biden.",
            ("12,670", "margin", "Biden", "Trump", "12,670"),
        ),
        # the one ahead not named: the trailing candidate's margin, negative
        (
            "In Georgia, Trump lost by 12,670 votes.",
            ("12,670", "margin", "Trump", "", "-12,670"),
        ),
        (
            "In Georgia, Trump was behind by 0.25 percentage points.",
            (
                "0.25 percentage points",
                "margin_percent",
                "Trump",
                "",
                "-0.25 percentage points",
            ),
        ),
        # a minus sign is kept
        (
            "In Georgia, Trump's margin was -12,670 votes.",
            ("-12,670", "margin", "Trump", "", "-12,670"),
        ),
    ],
)
def test_a_margin_is_proposed_with_its_orientation(
    text: str, expected: tuple[str, ...]
) -> None:
    assert _margins(text) == [(*expected, "consistent")]


@pytest.mark.parametrize(
    "text",
    [
        # the words say neither who leads nor who trails
        "In Georgia, the gap between Biden and Trump narrowed to 12,670 votes.",
        "In Georgia, Trump narrowed the margin to 12,670 votes.",
        # one who trails and one who leads in the same clause
        "In Georgia, Biden's lead, which Trump lost by 12,670 votes, held.",
    ],
)
def test_a_margin_whose_orientation_is_unclear_is_unmappable(text: str) -> None:
    assert _margins(text) == []
    reasons = [reason for _, reason in _unmappable(text)]
    assert any(reason.startswith("a margin, but") for reason in reasons), reasons


def test_a_trailing_margin_pasted_in_covers_its_figure(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # a trailing candidate's margin is stated negative, the figure is written
    # without its sign: the pasted claim still covers it
    article = _article(
        tmp_path,
        "date 2020-11-25\nIn Pennsylvania, Trump lost by 80,555 votes.\n",
        "trail.txt",
    )
    proposed = certcli("scan", article, "--data", PA, "-f", "yaml")
    assert proposed.code == 1 and 'stated: "-80,555"' in proposed.out
    copy = tmp_path / "pa.yaml"
    copy.write_text(
        _paste(proposed.out, PA.read_text(encoding="utf-8")), encoding="utf-8"
    )
    again = certcli("scan", article, "--data", copy, "-f", "json")
    document = json.loads(again.out)
    assert document["summary"]["covered"] == 1, again.out
    assert document["figures"][0]["claims"][0]["verdict"] == "consistent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # read whole when the meaning is certain
        ("Trump won 49 1/4 percent.", [("percent", "49 1/4 percent", "49.25 percent")]),
        ("Trump won 49\u00bd%.", [("percent", "49\u00bd%", "49.5%")]),
        ("Trump got 2.46m votes.", [("count", "2.46m", "2.46 million")]),
        ("Trump's margin was -12,670.", [("count", "-12,670", "-12,670")]),
        # else one figure that is not proposed, never its pieces
        (
            "Biden's margin was 0,25 percent.",
            [("unclear", "0,25 percent", "0,25 percent")],
        ),
        ("Trump got 2.46m.", [("unclear", "2.46m", "2.46m")]),
        (
            "a lead of 10-12 thousand votes",
            [("range", "10-12 thousand", "10-12 thousand")],
        ),
        # a footnote marker is never a figure, nor is a hyphen a minus sign
        ("[1] Georgia's 159 counties.", [("count", "159", "159")]),
        ("Biden leads by 12,670[2] votes.", [("count", "12,670", "12,670")]),
        ("from Nov. 20-22", [("date", "Nov. 20", "Nov. 20")]),
        # a clock time keeps its zone and day together
        (
            "until 5 p.m. ET Tuesday",
            [("time", "5 p.m. ET Tuesday", "5 p.m. Tuesday")],
        ),
    ],
)
def test_number_forms_are_read_whole_or_not_at_all(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = [(f.kind, f.text, f.stated) for f in find_figures(text, NAMES)]
    assert found == expected


def test_numbers_read_unsure_are_unmappable_not_proposed() -> None:
    text = (
        "In Georgia, Biden's margin was 0,25 percent. In Georgia, Biden's lead"
        " was 10-12 thousand votes. In Georgia, Biden's margin was 12.670 votes."
        " In Georgia, Trump won 49 1/3 percent. [1] Source: the state."
    )
    assert [f for f, *_ in _proposals(text) if f != "Biden's lead"] == []
    assert [figure for figure, _ in _unmappable(text)] == [
        "0,25 percent",
        "10-12 thousand",
        "12.670",
        "49 1/3 percent",
    ]


def test_numbers_read_whole_are_proposed_with_their_value() -> None:
    text = (
        "In Georgia, Trump won 49 1/4 percent. In Georgia, Trump got 2.46m votes."
        " In Georgia, Trump has until 5 p.m. ET Tuesday to request a recount."
    )
    assert _proposals(text) == [
        ("49 1/4 percent", "share", "Trump", "consistent"),
        ("2.46m", "votes", "Trump", "consistent"),
        ("5 p.m. ET Tuesday", "time", "", "consistent"),
    ]
    # a time in another zone than the election's is not checked as its own
    ((figure, reason),) = _unmappable("Georgia counts until 2 p.m. PT Tuesday.")
    assert figure == "2 p.m. PT Tuesday"
    assert reason.startswith("a time in PT, not in the election's time zone")


def test_a_footnote_marker_in_sup_does_not_join_the_number() -> None:
    page = (
        "<p>Trump won 49.3<sup>1</sup>% of the vote, Biden 49.5<sup>[2]</sup>%,"
        " on Nov. 20<sup>th</sup>.</p>"
    )
    article = article_from_text(page, "page.html", "html")
    assert article.text == "Trump won 49.3% of the vote, Biden 49.5%, on Nov. 20th."
    figures = find_figures(article.text, NAMES)
    assert [(f.kind, f.text) for f in figures] == [
        ("percent", "49.3%"),
        ("percent", "49.5%"),
        ("date", "Nov. 20th"),
    ]
    assert article.where(article.text.index("49.3")) == (1, 14)


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_every_line_ending_counts_lines(end: str) -> None:
    source = f"date 2020-11-21{end}In Georgia, Biden won 49.5%.{end}Trump 49.3%."
    article = article_from_text(source, "cr.txt", "text")
    assert article.where(article.text.index("49.5%")) == (2, 23)
    assert article.where(article.text.index("49.3%")) == (3, 7)
    paragraphs = f"One.{end}{end}Two."
    assert article_from_text(paragraphs, "p.txt", "text").text == "One.\n\nTwo."


def test_markdown_front_matter_code_blocks_and_escapes() -> None:
    source = (
        "---\ndate: 2020-11-21\ntitle: 99 problems\n---\n# Georgia certifies\n\n"
        "In Georgia, Biden won 49.5% of the vote.\n\n"
        "```\nIn Georgia, Biden won 99.9% of the vote.\n```\n\n"
        "~~~python\nvotes = 88\n~~~\n\n"
        "In Georgia, Trump won 49.3\\% of the vote.\n"
    )
    article = article_from_text(source, "story.md", "markdown")
    assert article.published is not None and article.published.isoformat() == (
        "2020-11-21"
    )
    assert article.text == (
        "Georgia certifies\n\nIn Georgia, Biden won 49.5% of the vote."
        "\n\nIn Georgia, Trump won 49.3% of the vote."
    )
    figures = find_figures(article.text, NAMES)
    assert [f.text for f in figures] == ["49.5%", "49.3%"]
    assert article.where(article.text.index("49.3%")) == (17, 23)


@pytest.mark.parametrize(
    ("page", "published", "notes"),
    [
        (
            '<meta property="article:published_time"'
            ' content="2020-11-20T18:00:00-05:00">',
            "2020-11-20T18:00:00-05:00",
            (),
        ),
        # no offset: the day alone, not a time in an unknown zone
        ('<meta name="date" content="2020-11-20T18:00">', "2020-11-20", ()),
        (
            '<meta property="article:published_time" content="2020-13-45T10:00">',
            None,
            (
                "the page's date '2020-13-45T10:00' is not a real date: it is"
                " not the publication date",
            ),
        ),
    ],
)
def test_the_page_s_date_keeps_its_time_or_says_why_not(
    page: str, published: str | None, notes: tuple[str, ...]
) -> None:
    article = article_from_text(
        f"<html><head>{page}</head><body><p>Biden won 49.5%.</p></body></html>",
        "page.html",
        "html",
    )
    assert (article.published and article.published.isoformat()) == published
    assert article.notes == notes


def test_a_page_s_time_is_the_new_source_s_and_a_bad_date_a_note(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    page = _article(
        tmp_path,
        '<html><head><meta property="article:published_time"'
        ' content="2020-11-20T18:00:00-05:00"></head>'
        "<body><p>In Pennsylvania, Biden won 50.0%.</p></body></html>",
        "page.html",
    )
    run = certcli("scan", page, "--data", PA, "-f", "yaml")
    assert '    published: "2020-11-20T18:00:00-05:00"\n' in run.out
    bad = _article(
        tmp_path,
        '<html><head><meta name="date" content="2020-13-45"></head>'
        "<body><p>In Pennsylvania, Biden won 50.0%.</p></body></html>",
        "bad.html",
    )
    note = "the page's date '2020-13-45' is not a real date"
    refused = certcli("scan", bad, "--data", PA)
    assert refused.code == 2 and note in refused.err
    given = certcli(
        "scan", bad, "--data", PA, "--published", "2020-11-25", "-f", "json"
    )
    assert any(n.startswith(note) for n in json.loads(given.out)["notes"])


def test_a_county_jurisdiction_is_named_by_its_county_or_its_state(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    """'Pima County, Arizona', as certcli new invites it, is named by a story
    that says "Pima County" without the state."""
    text = PA.read_text(encoding="utf-8")
    data = tmp_path / "pima.yaml"
    data.write_text(
        text.replace(
            "jurisdiction: Pennsylvania", "jurisdiction: Pima County, Arizona"
        ),
        encoding="utf-8",
    )
    assert "Pima County, Arizona" in data.read_text(encoding="utf-8")
    for story, noted in (
        ("In Pima County, Biden won 50% of the vote.", False),
        ("In Arizona, Biden won 50% of the vote.", False),
        ("In Fulton, Biden won 50% of the vote.", True),
    ):
        article = tmp_path / "story.txt"
        article.write_text(story + "\n", encoding="utf-8")
        result = certcli(
            "scan", article, "--data", data, "--published", "2020-11-21", "-f", "json"
        )
        notes = json.loads(result.out)["notes"]
        assert any("never names" in note for note in notes) is noted, story

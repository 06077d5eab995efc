"""Whose a figure of an article is, and when its words leave that unsure:
each sentence here was read wrong (a wrong claim with a verdict) before."""

from __future__ import annotations

from datetime import date

import pytest

from certcli.articles.scan import scan
from certcli.articles.text import Kind, article_from_text
from certcli.loaded.loader import load_bundled


def _read(text: str, kind: Kind = "text") -> list[tuple[str, ...]]:
    """Each figure but leader statements: (figure, metric, candidate, stated,
    verdict) when proposed, (figure, "unmappable", reason) when not."""
    article = article_from_text(text, "story.txt", kind)
    result = scan(load_bundled(), article, source=None, published=date(2020, 11, 20))
    read: list[tuple[str, ...]] = []
    for found in result.figures:
        if found.figure.kind == "leader":
            continue
        if found.proposal is None:
            read.append((found.figure.text, found.status, found.reason or ""))
        else:
            proposal = found.proposal
            read.append(
                (
                    found.figure.text,
                    proposal["metric"],
                    proposal.get("candidate", ""),
                    proposal["stated"],
                    found.claims[0].verdict,
                )
            )
    return read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject leads or trails, not the one named in "who ..., "
        (
            "Biden, who led Trump on election night, lost by 12,670 votes.",
            [("12,670", "margin", "Biden", "-12,670", "inconsistent")],
        ),
        (
            "Biden, who led Trump on election night, was behind by 12,670"
            " votes at the end.",
            [("12,670", "margin", "Biden", "-12,670", "inconsistent")],
        ),
        (
            "Trump, who trailed Biden in early returns, won by 12,670 votes.",
            [("12,670", "margin", "Trump", "12,670", "inconsistent")],
        ),
        (
            "Biden, who trailed Trump for most of election night, won by 12,670"
            " votes in Georgia.",
            [("12,670", "margin", "Biden", "12,670", "consistent")],
        ),
    ],
)
def test_a_margin_is_the_subject_s_not_the_relative_clause_s(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _read(text) == expected


def test_two_candidates_before_a_margin_word_leave_it_unmappable() -> None:
    ((figure, status, reason),) = _read("Trump said Biden lost by 12,670 votes.")
    assert (figure, status) == ("12,670", "unmappable")
    assert "two candidates are named before the words" in reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure in parentheses, between dashes or after ", or" restates
        # the count before it: it is that count's candidate's
        (
            "Results: Biden 2,474,507 (49.5%); Trump 2,461,837 (49.3%);"
            " Jorgensen 62,138 (1.2%).",
            [
                ("2,474,507", "votes", "Biden", "2,474,507", "consistent"),
                ("49.5%", "share", "Biden", "49.5%", "consistent"),
                ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
                ("49.3%", "share", "Trump", "49.3%", "consistent"),
                ("62,138", "votes", "Jorgensen", "62,138", "consistent"),
                ("1.2%", "share", "Jorgensen", "1.2%", "consistent"),
            ],
        ),
        (
            "Jorgensen got 62,138 votes \u2014 about 1.2% \u2014 while Trump got"
            " 2,461,837.",
            [
                ("62,138", "votes", "Jorgensen", "62,138", "consistent"),
                ("about 1.2%", "share", "Jorgensen", "about 1.2%", "consistent"),
                ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
            ],
        ),
        (
            "Biden received 2,474,507 votes (49.5%) and Trump 2,461,837 (49.3%).",
            [
                ("2,474,507", "votes", "Biden", "2,474,507", "consistent"),
                ("49.5%", "share", "Biden", "49.5%", "consistent"),
                ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
                ("49.3%", "share", "Trump", "49.3%", "consistent"),
            ],
        ),
        (
            "Trump won 2,461,837 votes, or 49.3%.",
            [
                ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
                ("49.3%", "share", "Trump", "49.3%", "consistent"),
            ],
        ),
        (
            "Biden received 2,474,507, or 49.5%, of the votes.",
            [
                ("2,474,507", "votes", "Biden", "2,474,507", "consistent"),
                ("49.5%", "share", "Biden", "49.5%", "consistent"),
            ],
        ),
        # a margin restated as a percentage is the same candidate's margin
        (
            "Biden led by 12,670 votes (0.25 percentage points).",
            [
                ("12,670", "margin", "Biden", "12,670", "consistent"),
                (
                    "0.25 percentage points",
                    "margin_percent",
                    "Biden",
                    "0.25 percentage points",
                    "consistent",
                ),
            ],
        ),
        (
            "Biden won by 12,670 votes, a margin of 0.25%.",
            [
                ("12,670", "margin", "Biden", "12,670", "consistent"),
                ("0.25%", "margin_percent", "Biden", "0.25%", "consistent"),
            ],
        ),
        (
            "Biden won by a margin of 12,670 votes.",
            [("12,670", "margin", "Biden", "12,670", "consistent")],
        ),
        # "with" brings in the subject's own count, not a margin
        (
            "Jorgensen trailed with 62,138 votes.",
            [("62,138", "votes", "Jorgensen", "62,138", "consistent")],
        ),
        # a lead or deficit before ":" makes a margin, never votes
        (
            "Biden's lead: 12,670 votes.",
            [("12,670", "margin", "Biden", "12,670", "consistent")],
        ),
        (
            "Trump's deficit: 12,670 votes.",
            [("12,670", "margin", "Trump", "-12,670", "consistent")],
        ),
        # "respectively" pairs names and figures in order
        (
            "Biden and Trump received 2,474,507 and 2,461,837 votes, respectively.",
            [
                ("2,474,507", "votes", "Biden", "2,474,507", "consistent"),
                ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
            ],
        ),
        (
            "Biden and Trump won 49.5% and 49.3%, respectively.",
            [
                ("49.5%", "share", "Biden", "49.5%", "consistent"),
                ("49.3%", "share", "Trump", "49.3%", "consistent"),
            ],
        ),
    ],
)
def test_a_figure_is_the_candidate_s_its_sentence_gives_it_to(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    assert _read(text) == expected


def test_a_figure_in_an_html_list_item_is_its_candidate_s() -> None:
    page = (
        "<html><body><p>Georgia certified.</p><ul>"
        "<li>Biden: 2,474,507 (49.5%)</li><li>Trump: 2,461,837 (49.3%)</li>"
        "</ul></body></html>"
    )
    assert _read(page, "html") == [
        ("2,474,507", "votes", "Biden", "2,474,507", "consistent"),
        ("49.5%", "share", "Biden", "49.5%", "consistent"),
        ("2,461,837", "votes", "Trump", "2,461,837", "consistent"),
        ("49.3%", "share", "Trump", "49.3%", "consistent"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # names and figures that "respectively" cannot pair one to one
        (
            "Biden and Trump received 2,474,507 and 2,461,837 and 62,138 votes,"
            " respectively.",
            "cannot be paired for sure",
        ),
        # two candidates, no "respectively": no one's votes, and not the total
        (
            "Biden and Trump received 2,474,507 and 2,461,837 votes.",
            "whose figure it is is unclear",
        ),
        # a change is no standing figure
        (
            "Biden's share rose 0.3 percentage points from the unofficial count.",
            "a change",
        ),
        ("Trump gained 614 votes in the hand count.", "a change"),
        ("Biden's margin shrank by 386 votes after the audit.", "a change"),
        ("Biden's lead grew by 1,000 votes.", "a change"),
        ("Trump cut into Biden's lead by 386 votes.", "a change"),
        ("Trump needed 12,671 votes to overtake Biden.", "a change"),
        # another election's year in the clause
        ("In 2016, Trump won Georgia by 211,141 votes.", "names 2016"),
        ("Clinton's 2016 total of 1,877,963 was a record.", "names 2016"),
        # an age
        ("Trump, 74, has refused to concede.", "a person's age"),
        # a county's figure, counties won
        ("In Fulton County, Biden received 380,212 votes.", "about a county"),
        (
            "Floyd County officials found 2,600 ballots that had not been counted.",
            "about a county",
        ),
        ("Trump won 127 counties.", "counties a candidate won"),
        # precincts reporting
        ("With 99% of precincts reporting, Biden was ahead.", "precincts"),
        # thousands grouped with spaces
        ("Biden received 2 474 507 votes.", "cannot be read for sure"),
        ("Biden received 2\u00a0474\u00a0507 votes.", "cannot be read for sure"),
        ("Biden received 2\u202f474\u202f507 votes.", "cannot be read for sure"),
    ],
)
def test_a_figure_whose_reading_is_unsure_is_unmappable(text: str, reason: str) -> None:
    read = _read(text)
    assert read and all(figure[1] == "unmappable" for figure in read), read
    # the year itself is unmappable too; every figure says why
    assert any(reason in figure[2] for figure in read), read


def test_a_figure_that_counts_counties_is_still_a_count_of_units() -> None:
    assert _read("Georgia's 159 counties certified 159 counties by Friday.")[:2] == [
        ("159", "units_certified", "", "159", "consistent"),
        ("159", "units_certified", "", "159", "consistent"),
    ]
    assert _read("Biden won 30 of Georgia's 159 counties.") == [
        ("30", "unmappable", "counties a candidate won, not counties certified"),
        ("159", "units_total", "", "159", "consistent"),
    ]

"""Why a figure's words leave its reading unsure, whatever metric it would
get: a change rather than a standing figure ("gained 614 votes", "shrank by
386"; "narrowed to 12,284" is the figure after the change), another
election's year in its clause ("In 2016, Trump won Georgia by"), a person's
age ("Trump, 74, has"), a county's figure ("In Fulton County, Biden
received"), a share of precincts reporting. Such a figure is
unmappable: a claim with a verdict would be a wrong claim.
"""

from __future__ import annotations

import re

from certcli.articles.figures import Figure
from certcli.articles.whose import clause, offset_in_sentence

# Words that say a figure is a change, not the standing figure a claim states
_CHANGE = re.compile(
    r"\b(?:gain(?:s|ed|ing)?|rose|rises|risen|rising|grew|grow|grows|grown"
    r"|growing|shr[au]nk|shrinks?|shrinking|cut(?:s|ting)?|narrow(?:s|ed|ing)"
    r"|widen(?:s|ed|ing)?|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)"
    r"|dropp(?:ed|ing)|drops?|fell|falls?|falling|climb(?:s|ed|ing)?"
    r"|jump(?:s|ed|ing)?|slipp(?:ed|ing)|slips?|need(?:s|ed)?|picked up|added)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![0-9,.])(?:19|20)[0-9]{2}(?![0-9%]|[.,][0-9])")
_COUNTY = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)? County\b")
_REPORTING = re.compile(
    r"\s*(?:of (?:the )?(?:[a-z]+ )?(?:precincts|expected vote)\b"
    r"|of (?:the )?(?:[a-z]+ )?(?:vote|votes|ballots) (?:counted|in|reported"
    r"|reporting|tallied)\b|reporting\b)",
    re.IGNORECASE,
)


def unsure(figure: Figure, election_year: int) -> str | None:
    """Why the words around a count, percentage, margin or leader statement
    make its reading unsure, or None."""
    before, after = clause(figure)
    years = {int(year) for year in _YEAR.findall(before + " " + after)}
    if years - {election_year}:
        other = min(years - {election_year})
        return f"its clause names {other}, not the election's year {election_year}"
    if figure.kind == "leader":
        return None
    if _COUNTY.search(before + figure.text + after):
        return "about a county, not the whole contest"
    change = [*_CHANGE.finditer(before)]
    if change and not re.search(r"\bto\s*\Z", before[change[-1].end() :]):
        # "rose 0.3 points", "shrank by 386"; "narrowed to 12,284" is the
        # standing figure after the change
        return (
            "a change ('gained', 'rose', 'shrank by', 'needed'), not a figure a"
            " claim states"
        )
    if figure.kind == "percent" and _REPORTING.match(after):
        return "a share of precincts or ballots reported, not of the vote"
    whole_before, whole_after = offset_in_sentence(figure)
    if (
        figure.kind == "count"
        and re.fullmatch(r"[0-9]{1,3}", figure.text)
        and re.search(r"\b[A-Z][a-z]+,\s*\Z", whole_before)
        and re.match(r",", whole_after)
    ):
        return "a person's age (a name, a comma, a number, a comma), not a figure"
    return None

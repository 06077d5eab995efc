"""Whose a figure is: the candidate a sentence gives it to, and for a margin,
who leads and who trails.

A figure belongs to the candidate named just before it in its clause, after
the figure before it ("Biden had 49.5%, Trump 49.3%": Trump's 49.3%; "49.3% to
Biden's 49.5%": Biden's 49.5%), else to the one named after it, before the
next figure ("49.5% for Biden"); else the same in its sentence, never across
a ";", "but" or "while". Two candidates named there make it unclear whose it
is. A figure that restates the count before it ("2,474,507 (49.5%)",
"2,461,837 votes, or 49.3%") is that count's; with "respectively", names
and figures are paired in order or not at all.

A margin is the data file's: the candidate's votes minus the opponent's,
negative when trailing. "Biden led by", "Biden finished 12,670 votes ahead of
Trump" are Biden's; "Trump trailed Biden by" is Biden's over Trump; "Trump
lost by" is Trump's, negative. Words that do not say who leads ("the gap",
"narrowed the margin") leave it unclear, and so do two candidates named
before the word that says who leads, once a relative clause ("Biden, who led
Trump on election night, lost by") is set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from certcli.articles.figures import Figure

_MARGIN_WORDS = re.compile(
    r"\b(?:margin|lead|leads|leading|led|ahead|separat\w*|gap|difference"
    r"|trail|trails|trailed|trailing|behind|lost|loses|lose|losing|deficit)\b",
    re.IGNORECASE,
)
# Words that say who is ahead: the one named before them leads ...
_LEAD_WORDS = re.compile(
    r"\b(?:lead|leads|leading|ahead|victory)\b|\bled\b(?=[^,;]*\bby\s*\Z)"
    r"|['\u2019]s (?:[a-z]+ )?margin\b",
    re.IGNORECASE,
)
# ... or trails ("Trump trailed Biden by", "Trump lost by", "Trump's deficit")
_TRAIL_WORDS = re.compile(
    r"\b(?:trail|trails|trailed|trailing|behind|lost|loses|lose|losing)\b"
    r"(?=[^,;]*\bby\s*\Z)|['\u2019]s (?:[a-z]+ )?deficit\b",
    re.IGNORECASE,
)
# "12,670 votes ahead of Trump", "0.25 points behind Biden"
_AFTER_MARGIN = re.compile(
    r"\s*(?:(?:more |fewer )?(?:votes?|ballots?|percentage points?|points?)\s+)?"
    r"(?P<word>ahead of|behind)\b",
    re.IGNORECASE,
)
# "won Georgia by", "beat Trump by": what follows is the winner's margin
_WON_BY = re.compile(
    r"\b(?:won|wins|winning|beat|beats|defeated|defeats|carried|carries)\b"
    r"[^.;]*\bby (?:(?:a|an|the) (?:[a-z]+ )?(?:margin|lead) of )?$",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"[;:]\s|,\s(?:and|but|while|whereas)\s|\s(?:but|while)\s")
# What a fallback to the whole sentence never crosses: a ";" or a "but",
# "while", "whereas" set the next clause against this one
_HARD_CLAUSE = re.compile(r";\s|,?\s(?:but|while|whereas)\s")
# A figure set beside the count before it, which it restates: "2,474,507
# (49.5%)", "62,138 votes — about 1.2% —", "2,461,837 votes, or 49.3%",
# "12,670 votes, a margin of 0.25%"
_ANNOTATION = re.compile(
    r"(?P<count>[0-9][0-9,.]*)(?:\s+(?:votes?|ballots?))?"
    r"(?:\s*\(|\s*[\u2013\u2014]\s*|\s+-\s+|,\s+or\s+"
    r"|,\s+(?:a|the)\s+(?:[a-z]+\s+)?(?:margin|lead)\s+of\s+)\Z",
    re.IGNORECASE,
)
# "Biden, who led Trump on election night, lost by": a relative clause
# between the subject and its verb
_RELATIVE = re.compile(r",\s+(?:who|whom|whose|which)\b[^,;]*,\s")


def offset_in_sentence(figure: Figure) -> tuple[str, str]:
    at = figure.start - figure.sentence.start
    text = figure.sentence.text
    return text[:at], text[at + len(figure.text) :]


def clause(figure: Figure) -> tuple[str, str]:
    """The words of the figure's clause before and after it."""
    before, after = offset_in_sentence(figure)
    return CLAUSE.split(before)[-1], CLAUSE.split(after)[0]


def named_in(names: dict[str, str], text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each candidate named in `text`."""
    found = []
    for name, key in names.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            found.append((match.start(), match.end(), key))
    return found


def _segment(before: str, after: str) -> tuple[str, str]:
    """The words between the figure and the figures (numbers) next to it: in
    "Biden had 49.5%, Trump 49.3%", Trump's words for 49.3% are ", Trump "."""
    last = re.search(r"[0-9](?=[^0-9]*\Z)", before)
    if last is not None:
        before = before[last.end() :]
    following = re.search(r"[0-9]", after)
    if following is not None:
        after = after[: following.start()]
    return before, after


def _keys(names: dict[str, str], text: str) -> set[str]:
    return {key for _, _, key in named_in(names, text)}


def candidate_of(
    names: dict[str, str], figure: Figure
) -> tuple[str | None, str | None]:
    """Whose figure it is: the candidate named between the figure before it
    and this one, in its clause ("Biden had 49.5%, Trump 49.3%": Trump's
    49.3%; "49.3% to Biden's 49.5%": Biden's 49.5%), else the one named
    between it and the next figure ("49.5% for Biden"); else the same in its
    sentence. (key, None), or (None, why) when two candidates could own it,
    or (None, None) when none is named. A figure beside a count it restates
    ("2,474,507 (49.5%)") is the count's; with "respectively", names and
    figures are paired in order, or not at all."""
    count = annotated(figure)
    if count is not None:
        return candidate_of(names, count)
    paired = _respectively(names, figure)
    if paired is not None:
        return paired
    whole_before, whole_after = offset_in_sentence(figure)
    within = (
        _HARD_CLAUSE.split(whole_before)[-1],
        _HARD_CLAUSE.split(whole_after)[0],
    )
    for before, after in (clause(figure), within):
        before, after = _segment(before, after)
        for side in (before, after):
            keys = _keys(names, side)
            if len(keys) > 1:
                return None, (
                    "two candidates are named next to it ("
                    + ", ".join(sorted(keys))
                    + "): whose figure it is is unclear"
                )
            if keys:
                return keys.pop(), None
    return None, None


def annotated(figure: Figure) -> Figure | None:
    """The count a figure restates, set beside it in its clause ("2,474,507
    (49.5%)", "12,670 votes, a margin of 0.25%"), as a figure of its own."""
    before, _ = clause(figure)
    match = _ANNOTATION.search(before)
    if match is None:
        return None
    start = figure.start - len(before) + match.start("count")
    text = match["count"].rstrip(",.")
    return replace(figure, kind="count", text=text, start=start, end=start + len(text))


def _respectively(
    names: dict[str, str], figure: Figure
) -> tuple[str | None, str | None] | None:
    """With "respectively", the figure paired in order with the names before
    the figures: None when the sentence does not say "respectively"."""
    before, after = offset_in_sentence(figure)
    text = before + figure.text + after
    if not re.search(r"\brespectively\b", text, re.IGNORECASE):
        return None
    numbers = [m.start() for m in re.finditer(r"(?<![0-9,.])[0-9]", text)]
    first = numbers[0]
    named = [key for _, _, key in sorted(named_in(names, text[:first]))]
    keys = list(dict.fromkeys(named))
    if (
        len(keys) == len(numbers) == len(named)
        and not named_in(names, text[first:])
        and len(before) in numbers
    ):
        return keys[numbers.index(len(before))], None
    return None, (
        "'respectively', but its names and figures cannot be paired for sure:"
        " whose figure it is is unclear"
    )


@dataclass(frozen=True)
class Margin:
    """A margin as the data file's `margin` states it: `candidate` minus
    `opponent` (the strongest other when None), negative when trailing."""

    candidate: str
    opponent: str | None = None
    negative: bool = False


def _last_named(names: dict[str, str], text: str) -> str | None:
    named = sorted(named_in(names, text))
    return named[-1][2] if named else None


def read_margin(names: dict[str, str], figure: Figure) -> Margin | str | None:
    """Whether the figure is a margin and whose: None when it is no margin, a
    reason when it is one but who leads is unclear."""
    count = annotated(figure)
    if count is not None:
        restated = read_margin(names, count)
        if restated is not None:
            return restated
    before, after = clause(figure)
    if re.search(r"\bwith\s*\Z", before):
        # "Jorgensen trailed with 62,138 votes": the subject's own count
        return None
    whole_before = offset_in_sentence(figure)[0]
    if not before.strip() and re.search(r":\s*\Z", whole_before):
        # "Biden's lead: 12,670 votes", "Trump's deficit: 12,670 votes"
        before = CLAUSE.split(whole_before.rstrip()[:-1])[-1] + " by "
    # a relative clause between the subject and its verb is not the subject
    before = _RELATIVE.sub(lambda m: " " * len(m.group()), before)
    following = _AFTER_MARGIN.match(after)
    won_by = _WON_BY.search(before)
    leads = [*_LEAD_WORDS.finditer(before)] + ([won_by] if won_by else [])
    trails = [*_TRAIL_WORDS.finditer(before)]
    if following is not None:
        # "Biden finished 12,670 votes ahead of Trump"
        subject, why = candidate_of(names, figure)
        if subject is None:
            return f"a margin, but {why or 'no candidate is named before it'}"
        other_keys = _keys(names, _segment("", after[following.end() :])[1])
        other = other_keys.pop() if len(other_keys) == 1 else None
        if other == subject:
            return "a margin of a candidate over themselves: who leads is unclear"
        if following["word"].casefold() == "ahead of":
            return Margin(subject, other)
        if other is None:
            return Margin(subject, negative=True)
        return Margin(other, subject)
    if trails and leads:
        return "a margin, but the sentence says both who leads and who trails"
    verb = min(match.start() for match in trails + leads) if trails or leads else 0
    possessive = re.match(r"['\u2019]s ", before[verb:]) is not None
    if not possessive and len(_keys(names, before[:verb])) > 1:
        return (
            "a margin, but two candidates are named before the words that say"
            " who leads: who leads is unclear"
        )
    if trails:
        # "Trump trailed Biden by", "Trump lost by", "Trump was behind by"
        trailer = _last_named(names, before[: trails[0].start()])
        if trailer is None:
            return "a margin, but the sentence does not say who trails"
        ahead = _keys(names, before[trails[0].end() :]) - {trailer}
        if len(ahead) > 1:
            return "a margin, but who leads is unclear"
        if ahead:
            return Margin(ahead.pop(), trailer)
        return Margin(trailer, negative=True)
    if leads:
        first = min(match.start() for match in leads)
        leader = _last_named(names, before[:first])
        if leader is None:
            leader, why = candidate_of(names, figure)
            if leader is None:
                return f"a margin, but {why or 'no candidate is named'}"
        return Margin(leader)
    if _MARGIN_WORDS.search(before):
        # "the margin between Biden and Trump", "the gap narrowed to"
        return "a margin, but the sentence does not say who leads"
    return None

"""The loader's messages: located, naming the field, what was expected and found.

The corpus (test_corpus.py) covers one broken file per kind of mistake; this
table covers the wording of each kind of message on small edits of the
minimal good file, and the builder's own rules.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from certcli.core.errors import DataError
from certcli.core.text import shorten
from certcli.datafile.located import dotted, parse_yaml
from certcli.loaded.loader import load, validate

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = (Path(__file__).parent / "data" / "good" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as refused:
        validate(parse_yaml(text, "f.yaml"))
    return [str(problem) for problem in refused.value.problems]


def edited(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # what is missing is named by its own path, at the mapping that lacks it
        (
            "  office: Mayor\n",
            "",
            "f.yaml:4:3: election.office: required key is missing",
        ),
        (
            "format: certcli/1\n",
            "",
            "f.yaml:2:1: format: required key is missing; write format: certcli/1"
            " at the top of the file",
        ),
        (
            "{name: Ada Lovelace}",
            "{party: X}",
            "f.yaml:12:8: candidates.Ada.name: required key is missing",
        ),
        # types: expected, then found, with a hint where one helps
        (
            "id: minimal",
            "id: [minimal]",
            "f.yaml:4:7: election.id: expected text, found a list",
        ),
        (
            "title: Minimal contest",
            "title: true",
            'f.yaml:5:10: election.title: expected text, found true; quote it: "true"',
        ),
        (
            "title: Minimal contest",
            "title: 1.50",
            "f.yaml:5:10: election.title: expected text, found the number 1.50;"
            ' quote it: "1.50"',
        ),
        (
            "calendar: {country: US}",
            "calendar: US",
            "f.yaml:10:13: election.calendar: expected a mapping, found the text 'US'",
        ),
        (
            "calendar: {country: US}",
            "calendar: {country: us}",
            "f.yaml:10:23: election.calendar.country: expected a country code in"
            " capitals, e.g. US, found the text 'us'",
        ),
        (
            "id: minimal",
            "id: my contest",
            "f.yaml:4:7: election.id: expected an id (ASCII letters A-Z and a-z,"
            " digits, '.', '_' and '-', starting with a letter or digit), found the"
            " text 'my contest'",
        ),
        (
            "id: minimal",
            "id: \u00e9lection",
            "f.yaml:4:7: election.id: expected an id (ASCII letters A-Z and a-z,"
            " digits, '.', '_' and '-', starting with a letter or digit), found the"
            " text '\u00e9lection'",
        ),
        (
            "id: minimal",
            "id: " + "x" * 201,
            "f.yaml:4:7: election.id: expected at most 200 characters, found 201",
        ),
        (
            "calendar: {country: US}",
            "calendar: {country: US}\n  electoral_votes: -3",
            "f.yaml:11:20: election.electoral_votes: expected a number of at least 0,"
            " found the number -3",
        ),
        (
            "calendar: {country: US}",
            "calendar: {country: US}\n  electoral_votes: '16'",
            "f.yaml:11:20: election.electoral_votes: expected a whole number, found"
            " the text '16'; write the number without quotes or commas: 16",
        ),
        (
            "calendar: {country: US}",
            "calendar: {country: US}\n  reporting_units: {count: 0}",
            "f.yaml:11:28: election.reporting_units.count: expected a number of at"
            " least 1, found the number 0",
        ),
        (
            "format: certcli/1",
            "format: 1",
            "f.yaml:2:9: format: expected 'certcli/1', found the number 1",
        ),
        (
            "election_day: 2024-11-05",
            "election_day: 2024-11-05 08:00",
            "f.yaml:8:17: election.election_day: expected a date (YYYY-MM-DD), got"
            " '2024-11-05 08:00'",
        ),
        # unknown keys: the allowed ones, and the closest when it is a typo
        (
            "  office: Mayor\n",
            "  office: Mayor\n  juristiction: X\n",
            "f.yaml:8:3: election.juristiction: unknown key 'juristiction'; did you"
            " mean 'jurisdiction'? (allowed here: id, title, jurisdiction, office,"
            " election_day, timezone, calendar, reporting_units, electoral_votes,"
            " recount_rules)",
        ),
        # references
        (
            "Ada: {name: Ada Lovelace}",
            "Ada: {name: Ada Lovelace}\nelectoral_college:\n  total: 538\n"
            "  needed: 270\n  projections:\n"
            "    - {as_of: 2024-11-06, source: nowhere, electors: {Bob: 1}}",
            "f.yaml:17:35: electoral_college.projections[0].source: unknown source"
            " 'nowhere' (known: none)",
        ),
    ],
)
def test_message(old: str, new: str, message: str) -> None:
    assert problems(edited(old, new))[0] == message


RESULTS_TALLY = (
    "sources:\n"
    "  clerk: {title: Clerk, published: 2024-11-06}\n"
    "tallies:\n"
    "  - id: count\n"
    "    stage: certified\n"
    "    as_of: 2024-11-06\n"
    "    source: clerk\n"
    "    results:\n"
    "      file: detail.xml\n"
    "      format: clarity\n"
    "      contest: Mayor\n"
    "      contest_number: NUMBER\n"
)


@pytest.mark.parametrize(
    ("number", "found"),
    [
        ("true", "true"),
        ("'1'", "the text '1'; write the number without quotes or commas: 1"),
        ("1.0", "the number 1.0"),
    ],
)
def test_contest_number_is_a_whole_number_strictly(number: str, found: str) -> None:
    # As reporting_units.count: a boolean, a text or a float is not taken as 1.
    text = MINIMAL + RESULTS_TALLY.replace("NUMBER", number)
    assert problems(text) == [
        f"f.yaml:24:23: tallies[0].results.contest_number: expected a whole"
        f" number, found {found}"
    ]


def test_duplicate_keys_do_not_hide_the_other_mistakes() -> None:
    text = edited("  office: Mayor\n", "  office: Mayor\n  office: Clerk\n  offic: X\n")
    assert problems(text) == [
        "f.yaml:8:3: election.office: duplicate key 'office' (first at line 7,"
        " column 3)",
        "f.yaml:9:3: election.offic: unknown key 'offic'; did you mean 'office'?"
        " (allowed here: id, title, jurisdiction, office, election_day, timezone,"
        " calendar, reporting_units, electoral_votes, recount_rules)",
    ]


def test_the_first_of_duplicate_keys_is_the_one_checked() -> None:
    text = edited("  office: Mayor\n", "  office: [Mayor]\n  office: Clerk\n")
    assert problems(text) == [
        "f.yaml:7:11: election.office: expected text, found a list",
        "f.yaml:8:3: election.office: duplicate key 'office' (first at line 7,"
        " column 3)",
    ]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("null", 'expected a text key, found nothing; quote it: "null"'),
        ("true", 'expected a text key, found true; quote it: "true"'),
        ("2024", 'expected a text key, found the number 2024; quote it: "2024"'),
        ("[a, b]", "expected a text key, found a list"),
        ("{a: b}", "expected a text key, found a mapping"),
    ],
)
def test_keys_must_be_text(key: str, message: str) -> None:
    text = edited("  Ada: {name: Ada Lovelace}\n", f"  ? {key}\n  : {{name: X}}\n")
    assert problems(text) == [f"f.yaml:12:5: candidates: {message}"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: b: c\n",
            "f.yaml:1:5: YAML syntax error: mapping values are not allowed here",
        ),
        (
            "a: [1, 2\nb: 3\n",
            "f.yaml:2:2: a: YAML syntax error: expected ',' or ']', but got ':'"
            " (while parsing a flow sequence that starts at line 1, column 4)",
        ),
        (
            "a:\n  - 1\n - 2\n",
            "f.yaml:3:2: YAML syntax error: expected <block end>, but found"
            " '<block sequence start>' (while parsing a block mapping that starts"
            " at line 1, column 1)",
        ),
        (
            "a: 'x\n",
            "f.yaml:2:1: a: YAML syntax error: found unexpected end of stream"
            " (while scanning a quoted scalar that starts at line 1, column 4)",
        ),
        (
            "a:\n\t- 1\n",
            "f.yaml:2:1: a: YAML syntax error: a tab character cannot"
            " indent YAML; indent with spaces",
        ),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a second YAML document (---); expected one"),
        ("a: !!int x\n", "f.yaml:1:4: a: 'x' is not a valid tag:yaml.org,2002:int"),
    ],
)
def test_yaml_syntax_errors_are_located_in_the_value_being_read(
    text: str, message: str
) -> None:
    with pytest.raises(DataError) as refused:
        parse_yaml(text, "f.yaml")
    assert [str(problem) for problem in refused.value.problems] == [message]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 0o17\nb: 0x1F\nc: +3\nd: -0\n", {"a": 15, "b": 31, "c": 3, "d": 0}),
        ("a: yes\nb: no\nc: on\nd: ~\n", {"a": "yes", "b": "no", "c": "on", "d": None}),
        ("a: 2020-11-03\nb: 17:00\n", {"a": "2020-11-03", "b": "17:00"}),
        ("a: '1'\nb: \"true\"\n", {"a": "1", "b": "true"}),
        ("a: .5\nb: 1e3\n", {"a": Decimal("0.5"), "b": Decimal("1E+3")}),
    ],
    ids=["integers", "yes-and-no-are-text", "dates-are-text", "quoted", "decimals"],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert parse_yaml(text, "f.yaml").data == value


def test_crlf_line_ends_keep_lines_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(
        edited("  office: Mayor\n", "  office: 12\n").replace("\n", "\r\n").encode()
    )
    with pytest.raises(DataError) as refused:
        load(path, display="f.yaml")
    assert str(refused.value) == (
        "f.yaml:7:11: election.office: expected text, found the number 12;"
        ' quote it: "12"'
    )


def test_a_non_utf8_byte_is_located_in_characters(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: \u00e9t\u00e9 ".encode() + b"\xe9t\xe9\n")
    with pytest.raises(DataError) as refused:
        load(path, display="f.yaml")
    assert str(refused.value) == (
        "f.yaml:2:8: byte 0xe9 is not UTF-8; save the file as UTF-8"
    )


def test_where_points_at_a_value_or_its_nearest_parent() -> None:
    located = parse_yaml(MINIMAL, "f.yaml")
    assert located.where(("election", "timezone")) == (9, 13)
    assert located.where(("election", "timezone"), key=True) == (9, 3)
    assert located.where(("election", "no-such-key")) == (4, 3)
    assert located.where(("nothing", 3, "here")) == (2, 1)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("election", "calendar", "country"), "election.calendar.country"),
        (("tallies", 0, "votes", "Jo Jorgensen"), "tallies[0].votes.Jo Jorgensen"),
        ((0, 1), "[0][1]"),
        (("a", "\x1b[31m"), "a['\\x1b[31m']"),
        (("a", "x[0]"), "a['x[0]']"),
        (("a", "k" * 61), f"a['{'k' * 57}…']"),
        (("a",) * 100, "a" + ".a" * 28 + ".…" + ".a" * 29),
    ],
)
def test_paths_in_messages_are_readable_and_escaped(
    path: tuple[str | int, ...], text: str
) -> None:
    assert dotted(path) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [("x", "'x'"), ("\x1b", "'\\x1b'"), ("y" * 100, "'" + "y" * 57 + "…'"), (12, "12")],
)
def test_shorten(value: object, text: str) -> None:
    assert shorten(value) == text


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "data" / "events.yaml",
        *sorted((ROOT / "tests" / "data" / "good").glob("*.yaml")),
    ],
    ids=lambda path: path.name,
)
def test_libyaml_and_the_pure_parser_read_the_same(path: Path) -> None:
    """The fast parser is only a speed-up: same values, same positions."""
    from certcli.datafile.located import _parse, read_text

    text = read_text(path, path.name)
    fast = _parse(text, path.name, pure=False)
    pure = _parse(text, path.name, pure=True)
    assert (fast.data, fast.values, fast.keys) == (pure.data, pure.values, pure.keys)


def test_a_file_libyaml_refuses_is_explained_by_the_pure_parser() -> None:
    with pytest.raises(DataError) as raised:
        parse_yaml("a: 1\n\tb: 2\n", "tab.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "tab.yaml:2:1: YAML syntax error: a tab character cannot indent YAML;"
        " indent with spaces"
    ]


def test_a_stated_date_on_the_event_points_to_the_date_rule() -> None:
    text = edited(
        "Ada: {name: Ada Lovelace}\n",
        "Ada: {name: Ada Lovelace}\nevents:\n  - id: day\n    title: Day\n"
        "    kind: deadline\n    date: 2024-11-26\n    stated: 2024-11-26\n",
    )
    assert problems(text) == [
        "f.yaml:18:5: events[0].stated: unknown key 'stated' here: a stated date"
        " belongs in the date rule, date: {after: …, days: …, stated: YYYY-MM-DD}"
    ]


@pytest.mark.parametrize(
    ("year", "found"),
    [
        ("true", "true"),
        ("'2020'", "the text '2020'; write the number without quotes or commas: 2020"),
        ("2020.0", "the number 2020.0"),
    ],
)
def test_an_mit_tally_s_year_is_a_whole_number_strictly(year: str, found: str) -> None:
    tally = RESULTS_TALLY.replace("      format: clarity\n", "      format: medsl\n")
    tally = tally.replace("      contest_number: NUMBER\n", f"      year: {year}\n")
    tally = tally.replace("detail.xml", "countypres.csv")
    assert problems(MINIMAL + tally) == [
        f"f.yaml:24:13: tallies[0].results.year: expected a whole number, found {found}"
    ]

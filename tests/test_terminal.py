"""Text from a data file never drives the terminal.

Escape sequences written as YAML escapes (`"\\e]0;pwned\\a"`, `"\\u001b[31m"`),
C1 controls and bidi overrides in titles, names, quotes, notes and citations
reach every human and text-like format spelled out (`\\x1b`, `U+202E`), with
colour on or off; machine formats keep escaping them with their encoders.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from certcli.claims.findings import FileReport, Finding, Report, Severity
from certcli.core.text import json_text, visible
from certcli.render import check_json, check_sarif
from conftest import Run

HERE = Path(__file__).parent
SMALL = (HERE / "data" / "good" / "small.yaml").read_text(encoding="utf-8")

# YAML double-quoted escapes: OSC title, clear screen, SGR, C1 CSI, bell, bidi.
HOSTILE = r"\e]0;pwned\a\e[2J\u001b[31m\u009b31m\u202eevil\u2066x\u2069"
FIELDS = {
    "title: Small town mayoral election": 'title: "T{h}"',
    "jurisdiction: Small Town": 'jurisdiction: "J{h}"',
    "{name: Ada Lovelace, party: Analytical}": '{{name: "Ada{h}", party: "P{h}"}}',
    "title: Ada wins narrowly": 'title: "S{h}"',
    "publisher: Town Gazette": 'publisher: "G{h}"',
    'citation: "Town code § 1"': 'citation: "C{h}"\n      title: "R{h}"',
    "title: Town clerk must certify": 'title: "D{h}"\n    note: "N{h}"',
    "title: Runner-up may request a recount": 'title: "W{h}"',
    'quote: "Ada won about half the vote"': 'quote: "Q{h}"\n    note: "M{h}"',
    'quote: "certified on Tuesday"': 'quote: "Q{h}"',
}
# What a terminal could act on: C0 controls but tab and line feed, DEL, C1,
# and the bidi controls.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# The colour codes rich itself writes with --color always.
SGR = re.compile("\x1b\\[[0-9;]*m")

RUNS = {
    "timeline-table": ["timeline", "--data", "{data}", "--as-of", "2024-11-08"],
    "timeline-table-wide": ["timeline", "--data", "{data}", "--as-of", "2024-11-08"],
    "timeline-markdown": ["timeline", "--data", "{data}", "-f", "markdown"],
    "timeline-ics": ["timeline", "--data", "{data}", "-f", "ics"],
    "margin-table": ["margin", "--data", "{data}", "--candidate", "Ada"],
    "margin-table-runner-up": ["margin", "--data", "{data}", "--candidate", "Grace"],
    "check-text": ["check", "{data}", "--as-of", "2024-12-01"],
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = SMALL
    for plain, replaced in FIELDS.items():
        assert plain in text
        text = text.replace(plain, replaced.format(h=HOSTILE))
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("run", RUNS)
def test_human_formats_spell_out_control_and_bidi_characters(
    certcli: Callable[..., Run],
    hostile: Path,
    monkeypatch: pytest.MonkeyPatch,
    run: str,
    color: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "160" if run.endswith("wide") else "100")
    args = [str(hostile) if arg == "{data}" else arg for arg in RUNS[run]]
    if not run.endswith("ics"):
        args += ["--color", color]
    result = certcli(*args)
    assert result.code in {0, 1}, result.err
    shown = SGR.sub("", result.out) if color == "always" else result.out
    shown = shown.replace("\r\n", "\n")  # .ics lines end in CRLF
    assert UNSAFE.findall(shown) == []
    assert UNSAFE.findall(result.err) == []
    # The text is there, spelled out (wrapped and escaped as the format
    # wraps and escapes), not dropped.
    joined = "".join(shown.split())
    assert "x1b" in joined and "pwned" in joined and "U+202Eevil" in joined


def test_the_title_cannot_retitle_or_clear_the_terminal(
    certcli: Callable[..., Run], hostile: Path
) -> None:
    result = certcli("timeline", "--data", hostile, "--color", "never")
    assert result.code == 0
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert result.out.startswith(
        "T\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\x9b31mU+202EevilU+2066xU+2069: timeline"
    )


def test_machine_formats_keep_the_text_and_escape_it(
    certcli: Callable[..., Run], hostile: Path
) -> None:
    result = certcli("timeline", "--data", hostile, "-f", "json")
    assert result.code == 0
    assert "\x1b" not in result.out
    title = json.loads(result.out)["election"]["title"]
    assert title == "T\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b31m\u202eevil\u2066x\u2069"


# What JSON's encoder leaves raw (it escapes only characters below U+0020)
# that a terminal acts on or shows as nothing: DEL, C1 controls (U+009B
# begins a command, "\x9b2J" clears the screen), the bidi controls, line and
# paragraph separators, and the invisible characters `visible` spells out.
RAW_IN_JSON = (
    "\x7f\x85\x9b\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
    "\u180e\u2064\u206a\ufff9\ufffb\U0001d173\U000e0001\U000e0041\U000e007f"
)
KEPT = " é 東京 →"  # other text outside ASCII, kept as UTF-8
PAYLOAD = "\x9b2J" + RAW_IN_JSON + KEPT
UNITS = HERE / "data" / "units"

JSON_RUNS = {
    "timeline": ["timeline", "--data", "{data}", "-f", "json"],
    "margin": ["margin", "--data", "{data}", "--candidate", "Ada", "-f", "json"],
    "margin-by-unit": [
        *("margin", "--data", "{units}", "--candidate", "Ann"),
        *("--by", "unit", "--tally", "audit", "-f", "json"),
    ],
    "check": ["check", "{data}", "--as-of", "2024-12-01", "-f", "json"],
    "audit": ["audit", "--data", "{audit}", "-f", "json"],
    "results": ["results", "{csv}", "-f", "json"],
    "scan": ["scan", "{article}", "--data", "{data}", "--source", "gazette"],
}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture
def machine_inputs(tmp_path: Path) -> dict[str, Path]:
    """Every command's input with PAYLOAD in its names and titles."""
    escaped = "".join(  # YAML double-quoted escapes
        char if " " <= char < "\x7f" else f"\\U{ord(char):08x}" for char in PAYLOAD
    )
    text = SMALL
    for plain, replaced in FIELDS.items():
        text = text.replace(plain, replaced.format(h=escaped))
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    audit = tmp_path / "audit.yaml"
    source = (HERE / "data" / "good" / "audit-600-400.yaml").read_text("utf-8")
    audit.write_text(
        source.replace("{name: Ann Archer}", f'{{name: "Ann{escaped}"}}'),
        encoding="utf-8",
    )
    shutil.copytree(UNITS, tmp_path / "units")
    units = tmp_path / "units" / "counties.yaml"
    units.write_text(
        units.read_text("utf-8").replace(
            "      Alder: {Ann: 100,", f'      "Alder{escaped}": {{Ann: 100,'
        ),
        encoding="utf-8",
    )
    csv = tmp_path / "r.csv"
    csv.write_text(f'county,Ann,"Bob{PAYLOAD}"\n"Alder{PAYLOAD}",1,2\n', "utf-8")
    article = tmp_path / "article.txt"
    article.write_text(f"Ada{PAYLOAD} won 50.05% of the vote.\n", "utf-8")
    return {
        "data": data,
        "audit": audit,
        "units": units,
        "csv": csv,
        "article": article,
    }


@pytest.mark.parametrize("run", JSON_RUNS)
def test_json_escapes_what_a_terminal_would_act_on(
    certcli: Callable[..., Run], machine_inputs: dict[str, Path], run: str
) -> None:
    args = [
        str(machine_inputs[arg[1:-1]]) if arg.startswith("{") else arg
        for arg in JSON_RUNS[run]
    ]
    if run == "scan":
        args += ["-f", "json"]
    result = certcli(*args)
    assert result.code in {0, 1}, result.err
    assert [char for char in RAW_IN_JSON if char in result.out] == []
    assert KEPT in result.out  # not escaped: UTF-8 as before
    # The escapes parse back to the text as the file holds it.
    strings = list(_strings(json.loads(result.out)))
    if run == "scan":  # a quoted sentence has its white space made plain
        assert any("\x9b2J\x7f\x85\x9b\u00ad" in text for text in strings)
    else:
        assert any(PAYLOAD in text for text in strings)


@pytest.mark.parametrize("render", [check_json.render, check_sarif.render])
def test_check_json_and_sarif_escape_finding_text(
    render: Callable[[Report], str],
) -> None:
    finding = Finding(
        "unit-name-invisible",
        Severity.warning,
        f"d{PAYLOAD}.yaml",
        1,
        1,
        f"s{PAYLOAD}",
        f"m{PAYLOAD}",
    )
    report = Report((FileReport(finding.file, finding.file, findings=(finding,)),))
    out = render(report)
    assert [char for char in RAW_IN_JSON if char in out] == []
    assert KEPT in out
    assert f"m{PAYLOAD}" in _strings(json.loads(out))


@pytest.mark.subprocess
def test_json_written_to_a_terminal_holds_no_raw_control_byte(
    machine_inputs: dict[str, Path],
) -> None:
    # The bytes as a terminal would get them, from the real entry point.
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "certcli",
            "results",
            "-f",
            "json",
            machine_inputs["csv"],
        ],
        capture_output=True,
        check=True,
    ).stdout
    assert [char for char in RAW_IN_JSON if char.encode() in out] == []
    assert b"\\u009b2J\\u007f\\u0085" in out
    assert KEPT.encode() in out
    (contest,) = json.loads(out)["contests"]
    assert contest["choices"][1]["name"] == "Bob" + PAYLOAD


def test_json_text_escapes_exactly_what_visible_spells_out() -> None:
    # Every character but the surrogates, in one string.
    every = "".join(
        chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000
    )
    encoded = json_text(every)
    assert json.loads(encoded) == every
    left = {char for char in encoded if not char.isascii()}
    assert left == {char for char in every if visible(char) == char}
    assert json_text("\x7f") == '"\\u007f"'
    assert json_text({"é": "\x9b2J"}, indent=None) == '{"é": "\\u009b2J"}'


def test_error_messages_spell_out_data_text(
    certcli: Callable[..., Run], hostile: Path
) -> None:
    """A usage error that lists the file's candidates names them as written,
    spelled out (click would only strip the escapes when not on a terminal)."""
    result = certcli("margin", "--data", hostile, "--candidate", "nobody")
    assert result.code == 2
    assert "Ada (Ada\\x1b]0;pwned\\x07\\x1b[2J" in result.err
    assert UNSAFE.findall(result.err) == []


def _lines_file(tmp_path: Path, **replacements: str) -> Path:
    """The small file with `replacements` (plain text → replaced) made."""
    text = SMALL
    for plain, replaced in replacements.items():
        assert plain in text
        text = text.replace(plain, replaced)
    path = tmp_path / "lines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _command_lines(out: str) -> list[str]:
    """Lines that GitHub Actions would run as workflow commands: those that
    start with `::` after their indentation."""
    return [line for line in out.splitlines() if line.lstrip()[:2] == "::"]


@pytest.mark.parametrize("columns", ["160", "100", "50"])
def test_a_line_break_in_a_title_cannot_start_a_line_of_its_own(
    certcli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: str,
) -> None:
    # A line of its own that starts `::error::` is a workflow command when the
    # table is printed in a CI log; titles are one line, so the break is
    # spelled out as the .ics SUMMARY spells it.
    path = _lines_file(
        tmp_path,
        **{
            "title: Small town mayoral election": 'title: "T\\n::error::title"',
            "title: Town clerk must certify": 'title: "D\\n::warning::deadline"',
        },
    )
    monkeypatch.setenv("COLUMNS", columns)
    result = certcli("timeline", "--data", path, "--color", "never")
    assert result.code == 0, result.err
    assert _command_lines(result.out) == []
    assert result.out.startswith("T\\x0a::error::title: timeline")
    assert "D\\x0a::warning::deadline" in "".join(result.out.split())


def test_a_line_break_in_a_quote_or_note_cannot_start_a_line_of_check_text(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    # GitHub runs a log line as a workflow command when it starts with `::`
    # after its indentation; the text report of a CI job must not give a
    # data file that line.
    path = _lines_file(
        tmp_path,
        **{
            'quote: "Ada won about half the vote"': (
                'quote: "Ada won about half\\n::error::quote"\n'
                '    expect: consistent\n    note: "x\\r\\n::warning::note"'
            )
        },
    )
    result = certcli("check", path, "--as-of", "2024-12-01", "--color", "never")
    assert result.code in {0, 1}, result.err
    assert _command_lines(result.out) == []
    joined = "".join(result.out.split())
    assert "“Adawonabouthalf\\x0a::error::quote”" in joined
    assert "x\\x0d\\x0a::warning::note" in joined


def test_a_line_break_in_a_name_cannot_start_a_line_of_the_margin_table(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = _lines_file(
        tmp_path,
        **{
            "title: Small town mayoral election": 'title: "T\\n::error::title"',
            "{name: Ada Lovelace,": '{name: "Ada\\n::error::name",',
        },
    )
    shown = []
    for candidate in ("Ada", "Grace"):
        result = certcli("margin", "--data", path, "--candidate", candidate)
        assert result.code == 0, result.err
        assert _command_lines(result.out) == []
        assert result.out.splitlines()[0] == "T\\x0a::error::title"
        shown.append(result.out)
    assert "Margin of Ada\\x0a::error::name (Ada) over" in shown[0]


@pytest.mark.slow
def test_wrapped_text_cannot_start_a_line_with_a_workflow_command(
    certcli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # However rich wraps a title or quote, a line that would start with `::`
    # (after its indentation) has that colon spelled out.
    monkeypatch.setenv("COLUMNS", "100")
    wrapped = 0
    for pad in range(1, 40):
        words = " ".join(["ab"] * pad)
        path = _lines_file(
            tmp_path,
            **{
                "title: Town clerk must certify": f'title: "{words} ::error::t"',
                'quote: "Ada won about half the vote"': (
                    f'quote: "{words} {words} ::error::q"'
                ),
            },
        )
        for args in (
            ("timeline", "--data", path, "--as-of", "2024-11-08"),
            ("check", path, "--as-of", "2024-12-01"),
        ):
            out = certcli(*args, "--color", "never").out
            assert _command_lines(out) == []
            wrapped += sum(
                line.lstrip().startswith("\\x3a:error::") for line in out.splitlines()
            )
    assert wrapped  # some widths did wrap right before the `::`

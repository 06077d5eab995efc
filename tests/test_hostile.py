"""Hostile YAML is refused quickly, in bounded memory, with a located message.

Alias bombs, object tags, deep nesting, oversized files and absurd numbers; and
the top-level guard that turns any unexpected exception into exit code 2.
Time and memory are measured by bench/hostile.sh, not here: these tests only
make sure each refusal happens, and where.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from certcli.commands import BUNDLED_NOTICE
from certcli.core.errors import DataError
from certcli.datafile import located
from certcli.datafile.located import MAX_BYTES, parse_yaml
from certcli.loaded import loader
from certcli.loaded.loader import load
from conftest import Run

MINIMAL = (Path(__file__).parent / "data" / "good" / "minimal.yaml").read_text(
    encoding="utf-8"
)


def refusal(text: str) -> list[str]:
    """What reading `text` reports: what stopped it, or what it recorded."""
    try:
        located = parse_yaml(text, "f.yaml")
    except DataError as refused:
        return [str(problem) for problem in refused.problems]
    assert located.problems, "read without a problem"
    return [str(problem) for problem in located.problems]


@pytest.fixture
def shallow_stack() -> Iterator[None]:
    """A recursion limit far below the nesting under test: proves that neither
    the parser nor the builder recurses once per level."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


# --- alias bombs ------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_alias_that_overflows() -> None:
    assert refusal(billion_laughs()) == [
        "f.yaml:5:10: a4[0]: aliases expand to more than 10000 values"
        " (a YAML alias bomb?)"
    ]


def test_billion_laughs_of_mappings_is_refused() -> None:
    text = "a: &a {x: 1, y: 2, z: 3}\n" + "".join(
        f"{name}: &{name} {{p: *{prev}, q: *{prev}, r: *{prev}, s: *{prev}}}\n"
        for prev, name in zip("abcdefghi", "bcdefghij", strict=True)
    )
    assert refusal(text)[0].endswith(
        ": aliases expand to more than 10000 values (a YAML alias bomb?)"
    )


def test_aliases_within_the_budget_are_fine() -> None:
    located = parse_yaml("a: &a [1, 2]\nb: *a\nc: *a\n", "f.yaml")
    assert located.data == {"a": [1, 2], "b": [1, 2], "c": [1, 2]}


def test_nesting_through_aliases_counts_towards_the_depth() -> None:
    lines = ["l0: &l0 []"] + [f"l{n}: &l{n} [*l{n - 1}]" for n in range(1, 70)]
    assert refusal("\n".join(lines)) == [
        "f.yaml:64:12: l63[0]: alias *l62 nests deeper than 64 levels"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: *nowhere\n", "f.yaml:1:4: a: alias *nowhere names no anchor before it"),
        ("a: &a [*a]\n", "f.yaml:1:8: a[0]: alias *a names no anchor before it"),
        (
            "&k {x: 1}: v\n",
            "f.yaml:1:1: expected a text key, found a mapping",
        ),
    ],
)
def test_aliases_and_keys_that_cannot_be_built(text: str, message: str) -> None:
    assert refusal(text) == [message]


# --- tags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (
            '!!python/object/apply:os.system ["echo owned"]',
            "!!python/object/apply:os.system",
        ),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/object/new:os.system [x]", "!!python/object/new:os.system"),
        ("!!python/object:os.system {a: 1}", "!!python/object:os.system"),
        ("!!python/tuple [1, 2]", "!!python/tuple"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!timestamp 2020-11-03", "!!timestamp"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!include other.yaml", "!include"),
        ("!<tag:example.com,2020:thing> x", "tag:example.com,2020:thing"),
    ],
)
def test_object_tags_are_refused(value: str, shown: str) -> None:
    assert refusal(f"key: {value}\n") == [
        f"f.yaml:1:6: key: tag {shown!r} is not allowed; certcli reads plain YAML"
        " values only (text, numbers, true/false, null, mappings and lists)"
    ]


def test_a_tag_directive_cannot_smuggle_a_python_tag() -> None:
    text = (
        "%TAG !p! tag:yaml.org,2002:python/\n---\nkey: !p!object/apply:os.system [x]\n"
    )
    assert refusal(text)[0].startswith(
        "f.yaml:3:6: key: tag '!!python/object/apply:os.system' is not allowed"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("k: !!str 12", "12"),
        ("k: !!int '12'", 12),
        ("k: !!float '1.5'", Decimal("1.5")),
        ("k: !!bool 'true'", True),
        ("k: !!null ''", None),
        ("k: ! 12", "12"),
        ("k: !!map {a: 1}", {"a": 1}),
        ("k: !!seq [1]", [1]),
    ],
)
def test_core_schema_tags_are_allowed(text: str, value: object) -> None:
    assert parse_yaml(text, "f.yaml").data == {"k": value}


def test_no_tag_runs_code(certcli: Callable[..., Run], tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    data = tmp_path / "tagged.yaml"
    data.write_text(
        MINIMAL.replace(
            "office: Mayor", f"office: !!python/object/apply:os.mkdir [{marker}]"
        ),
        encoding="utf-8",
    )
    run = certcli("timeline", "--data", data)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"{data}:7:11: election.office: tag '!!python/")
    assert not marker.exists()


# --- deep nesting -----------------------------------------------------------------

LEVELS = 100_000


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[" * LEVELS + "]" * LEVELS, "1:66"),
        ("{a: " * LEVELS + "}" * LEVELS, "1:258"),
        ("{" * LEVELS + "}" * LEVELS, "1:66"),
        ("- " * LEVELS + "x\n", "1:131"),
        ("? " * LEVELS + "x\n", "1:131"),
        ("[{a: " * LEVELS, "1:162"),
        ("&a [" * LEVELS, "1:261"),
        ("!!seq [" * LEVELS, "1:456"),
        ("".join(" " * n + "a:\n" for n in range(200)), "65:65"),
    ],
    ids=[
        "flow-lists",
        "flow-mappings",
        "flow-keys",
        "block-lists",
        "complex-keys",
        "mixed",
        "anchored",
        "tagged",
        "indented",
    ],
)
@pytest.mark.usefixtures("shallow_stack")
def test_deep_nesting_is_refused_without_recursion(text: str, where: str) -> None:
    (message,) = refusal(text)
    assert message.startswith(f"f.yaml:{where}: ")
    assert message.endswith(": nested deeper than 64 levels")


def test_nesting_up_to_the_limit_is_fine() -> None:
    text = "[" * 64 + "]" * 64
    value = parse_yaml(text, "f.yaml").data
    for _ in range(63):
        (value,) = value
    assert value == []


# --- size, values and numbers -----------------------------------------------------


def test_file_over_the_default_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CERTCLI_MAX_BYTES", raising=False)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * MAX_BYTES + b"\n")
    with pytest.raises(DataError) as refused:
        load(path)
    assert str(refused.value) == (
        f"{path}:1:1: file is larger than the limit of 1048576 bytes"
        " (set CERTCLI_MAX_BYTES to raise it)"
    )


def test_the_limit_is_inclusive_and_can_be_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "padded.yaml"
    path.write_text(MINIMAL + "#" * (MAX_BYTES - len(MINIMAL)) + "\n", "utf-8")
    size = path.stat().st_size
    monkeypatch.setenv("CERTCLI_MAX_BYTES", str(size))
    assert load(path).model.election.id == "minimal"
    monkeypatch.setenv("CERTCLI_MAX_BYTES", str(size - 1))
    with pytest.raises(DataError, match=f"larger than the limit of {size - 1} bytes"):
        load(path)


@pytest.mark.parametrize("value", ["2M", "-1", "0", "1e6", "١٢٣", "9" * 30])
def test_a_bad_size_limit_is_a_usage_error(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CERTCLI_MAX_BYTES", value)
    run = certcli("timeline")
    assert (run.code, run.out) == (2, "")
    assert run.err == BUNDLED_NOTICE + (
        "Error: CERTCLI_MAX_BYTES must be a whole number of bytes above 0,"
        f" e.g. 2097152 for 2 MiB; found {value[:61]!r}\n"
    )


def test_too_many_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERTCLI_MAX_BYTES", "40000")  # 2,000 values
    assert refusal("a: [" + "1, " * 2500 + "]\n") == [
        "f.yaml:1:5996: a[1997]: more than 2000 values in one file"
        " (one per 20 bytes of the size limit; set CERTCLI_MAX_BYTES to raise it)"
    ]


@pytest.mark.parametrize(
    ("limit", "values"), [(None, 52428), ("100", 1000), ("2097152", 104857)]
)
def test_the_value_limit_follows_the_size_limit(
    monkeypatch: pytest.MonkeyPatch, limit: str | None, values: int
) -> None:
    if limit is None:
        monkeypatch.delenv("CERTCLI_MAX_BYTES", raising=False)
    else:
        monkeypatch.setenv("CERTCLI_MAX_BYTES", limit)
    assert located.max_values() == values


@pytest.mark.parametrize(
    "number",
    [
        "9" * 31,
        "-" + "9" * 31,
        "0x" + "f" * 40,
        "1e999999999",
        "1e-31",
        "1" * 40 + ".5",
    ],
)
def test_absurd_numbers_are_refused(number: str) -> None:
    (message,) = refusal(f"n: {number}\n")
    assert message.startswith(f"f.yaml:1:4: n: number {number[:30]!r}"[:38])
    assert message.endswith(
        "is out of range (at most 30 digits, exponents from -30 to 30)"
    )


@pytest.mark.parametrize(
    ("number", "value"),
    [
        ("9" * 30, int("9" * 30)),
        ("1e30", Decimal("1e30")),
        ("0.5", Decimal("0.5")),
    ],
)
def test_numbers_within_range_are_read(number: str, value: object) -> None:
    assert parse_yaml(f"n: {number}\n", "f.yaml").data == {"n": value}


# --- what reaches the terminal ----------------------------------------------------


def test_control_characters_from_the_file_never_reach_the_terminal(
    certcli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "escapes.yaml"
    path.write_text(
        MINIMAL.replace("office: Mayor", 'office: Mayor\n  "\\e[2J\\e[31mred": 1'),
        encoding="utf-8",
    )
    run = certcli("timeline", "--data", path)
    assert run.code == 2
    assert "\x1b" not in run.err
    assert run.err.startswith(
        f"{path}:8:3: election['\\x1b[2J\\x1b[31mred']: unknown key"
        " '\\x1b[2J\\x1b[31mred' (allowed here:"
    )


def test_a_control_character_in_the_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "escape.yaml"
    path.write_bytes(b"a: 1\nb: x\x1by\n")
    with pytest.raises(DataError) as refused:
        located.read_text(path, "f.yaml")
    assert str(refused.value) == (
        "f.yaml:2:5: character U+001B is a control character, which YAML does not"
        " allow; remove it"
    )


# --- the top-level guard ----------------------------------------------------------


@pytest.fixture
def broken_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "load_bundled", explode)


@pytest.mark.usefixtures("broken_loader")
@pytest.mark.parametrize("command", [["timeline"], ["margin", "--candidate", "Biden"]])
def test_an_internal_error_is_exit_2_without_a_traceback(
    certcli: Callable[..., Run], command: list[str]
) -> None:
    run = certcli(*command)
    assert (run.code, run.out, run.err) == (
        2,
        "",
        BUNDLED_NOTICE + "certcli: internal error: RuntimeError: boom\n"
        "Rerun with --debug to see the traceback, and please report it.\n",
    )


@pytest.mark.usefixtures("broken_loader")
def test_debug_shows_the_traceback(certcli: Callable[..., Run]) -> None:
    run = certcli("--debug", "timeline")
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(BUNDLED_NOTICE + "Traceback (most recent call last):\n")
    assert run.err.endswith(
        "RuntimeError: boom\ncertcli: internal error: RuntimeError: boom\n"
        "Please report it.\n"
    )


@pytest.mark.usefixtures("broken_loader")
@pytest.mark.parametrize(
    "command",
    [["timeline", "--debug"], ["margin", "--debug", "--candidate", "Biden"]],
)
def test_debug_after_the_command_name_shows_the_traceback(
    certcli: Callable[..., Run], command: list[str]
) -> None:
    run = certcli(*command)
    assert (run.code, run.out) == (2, "")
    assert "Traceback (most recent call last):\n" in run.err
    assert run.err.endswith(
        "RuntimeError: boom\nPlease report it.\n".replace(
            "boom\n", "boom\ncertcli: internal error: RuntimeError: boom\n"
        )
    )


@pytest.mark.usefixtures("broken_loader")
def test_debug_from_the_environment(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTCLI_DEBUG", "1")
    assert certcli("timeline").err.startswith(
        BUNDLED_NOTICE + "Traceback (most recent call last):\n"
    )


def test_an_internal_error_message_is_escaped_and_bounded(
    certcli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise KeyError("\x1b[31m" + "x" * 1000)

    monkeypatch.setattr(loader, "load_bundled", explode)
    run = certcli("timeline")
    assert run.code == 2
    assert "\x1b" not in run.err
    assert len(run.err) < 500 + len(BUNDLED_NOTICE)

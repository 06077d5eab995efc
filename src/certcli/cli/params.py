"""The command line's parameter types and the options that several commands
share (a data file, files to check, where output goes and in what format)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from certcli.render.formats import COLOR_CHOICES, RESULTS_INPUT_FORMATS

if TYPE_CHECKING:
    from pathlib import Path

F = TypeVar("F", bound=Callable[..., Any])


class IsoDate(click.ParamType):  # type: ignore[type-arg]
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        """Only YYYY-MM-DD (not 20201122 or 2020-W47-7, which Python's
        fromisoformat also reads), and a date that exists."""
        import calendar
        import re

        if isinstance(value, date):
            return value
        text = str(value)
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
        if match is None:
            self.fail(f"{text!r} is not a date in the form YYYY-MM-DD", param, ctx)
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            self.fail(f"{text!r}: month {month} does not exist", param, ctx)
        if year == 0:
            self.fail(f"{text!r}: year 0 does not exist", param, ctx)
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            name = calendar.month_name[month]
            self.fail(f"{text!r}: {name} {year} has no day {day}", param, ctx)
        return date(year, month, day)


class RiskLimit(click.ParamType):  # type: ignore[type-arg]
    """A risk limit in percent, 0 (a full hand count) up to but not including 100."""

    name = "PERCENT"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from decimal import Decimal, InvalidOperation

        text = str(value).strip().removesuffix("%").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(f"{value!r} is not a number of percent, e.g. 10", param, ctx)
        if not 0 <= number < 100:
            self.fail(
                f"{value!r} is outside 0 to 100: a risk limit is a percentage"
                " of at least 0 and under 100",
                param,
                ctx,
            )
        return number


class SampledCount(click.ParamType):  # type: ignore[type-arg]
    """NAME=N: N ballots for candidate NAME in the audit's sample."""

    name = "NAME=N"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, tuple):
            return value
        name, equals, count = str(value).rpartition("=")
        count = count.strip().replace("_", "")
        if not equals or not name.strip() or not count.isdigit() or not count.isascii():
            self.fail(
                f"{value!r} is not NAME=N with a whole number N ≥ 0, e.g. Biden=2923",
                param,
                ctx,
            )
        return name.strip(), int(count)


class PathArgument(click.Path):
    """A click.Path that gives a pathlib.Path, importing pathlib only then.

    `click.Path(path_type=Path)` would import pathlib (and urllib.parse) on
    every start, `--help` included. Whether the file can be read is left to
    the reader, whose refusal is located (`FILE:1:1: permission denied`) and
    keeps the other files of the run: click's own check would end the run
    with a usage error before any file is read.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("readable", False)
        super().__init__(*args, **kwargs)

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from pathlib import Path

        if isinstance(value, str | bytes) and not value:
            # Path("") is the current directory: not what an empty name meant.
            self.fail("the file name is empty", param, ctx)
        return Path(os.fsdecode(super().convert(value, param, ctx)))


class CandidateName(click.ParamType):  # type: ignore[type-arg]
    """KEY=NAME: a candidate's key in the file and full name."""

    name = "KEY=NAME"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, tuple):
            return value
        key, equals, full = str(value).partition("=")
        if not equals or not key.strip() or not full.strip():
            self.fail(f"{value!r} is not KEY=NAME, e.g. Biden='Joe Biden'", param, ctx)
        return key.strip(), full.strip()


class OutputPath(PathArgument):
    """Where `-o` writes: a file, device or FIFO; `-` is standard output."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str | bytes) and not value:
            self.fail(
                "the file name is empty; give a file, or - for stdout", param, ctx
            )
        return super().convert(value, param, ctx)


def _data_option(help_text: str) -> Callable[[F], F]:
    """`--data FILE` (also CERTCLI_DATA), with what the command reads without it."""

    def decorate(command: F) -> F:
        return click.option(
            "--data",
            "data",
            type=PathArgument(),
            envvar="CERTCLI_DATA",
            show_envvar=True,
            help=help_text,
        )(command)

    return decorate


data_option = _data_option("Data file (default: the bundled example, Georgia 2020).")
# `certcli check` reads FILES or the current directory without it.
check_data_option = _data_option(
    "Data file to check when no FILES are given (default: the data files under"
    " the current directory)."
)


def data_files(
    ctx: click.Context, files: tuple[Path, ...], data: Path | None
) -> list[Path]:
    """The files a command reads: FILES when given (CERTCLI_DATA then adds
    nothing, so an exported variable never adds a file to a run), else --data
    or CERTCLI_DATA; [] for the bundled file. FILES and --data together are a
    usage error."""
    source = ctx.get_parameter_source("data")
    if files and data is not None and source is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("give FILES or --data, not both")
    return list(files) or ([data] if data is not None else [])


def files_argument(command: F) -> F:
    """FILES: data files or directories (searched for certcli data files)."""
    return click.argument("files", nargs=-1, type=PathArgument())(command)


def output_file_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=OutputPath(dir_okay=False, writable=True),
        help="Write the output to this file (atomically; devices and FIFOs in"
        " place) instead of stdout.",
    )(command)


def output_options(command: F) -> F:
    command = click.option(
        "--color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Colour for human formats (NO_COLOR is honoured).",
    )(command)
    return output_file_option(command)


def results_input_options(command: F) -> F:
    """How `certcli results` reads its file: the format and the contest."""
    command = click.option(
        "--contest",
        metavar="NAME",
        help="List this contest only (its name as the file writes it).",
    )(command)
    return click.option(
        "--input-format",
        type=click.Choice(RESULTS_INPUT_FORMATS),
        help="The file's format (default: recognised from its content).",
    )(command)


def which_files_options(command: F) -> F:
    """`certcli check`'s options for what it checks besides FILES."""
    for option in (
        click.option(
            "-v",
            "--verbose",
            is_flag=True,
            help="List the YAML files in directories skipped as not certcli"
            " files, or excluded.",
        ),
        click.option(
            "--example",
            is_flag=True,
            help="Check the bundled example file (Georgia 2020) instead.",
        ),
        click.option(
            "--allow-no-data",
            is_flag=True,
            help="A directory without data files is not an error (for pre-commit"
            " hooks).",
        ),
    ):
        command = option(command)
    return command


def starter_options(command: F) -> F:
    """The options of `certcli new`: what the starter file is written for."""
    command = click.option(
        "-o",
        "--output",
        type=OutputPath(dir_okay=False, allow_dash=True),
        help="The file to write (default: ELECTION-ID.yaml); - for stdout. An"
        " existing file is never replaced.",
    )(command)
    command = click.option(
        "--id", "election_id", metavar="ID", help="The election's id."
    )(command)
    command = click.option(
        "--candidate",
        "candidates",
        multiple=True,
        type=CandidateName(),
        help="A candidate's key and full name (repeatable, at least two; default:"
        " A and B); the first leads in the example tally.",
    )(command)
    command = click.option("--subdivision", help="State or province code, e.g. PA.")(
        command
    )
    command = click.option(
        "--country",
        default="US",
        show_default=True,
        help="Country code whose public holidays business days skip.",
    )(command)
    command = click.option(
        "--timezone",
        required=True,
        metavar="ZONE",
        help="IANA time zone of the deadlines, e.g. America/New_York.",
    )(command)
    command = click.option(
        "--election-day", type=IsoDate(), required=True, help="The election's date."
    )(command)
    command = click.option("--office", required=True, help="e.g. President.")(command)
    command = click.option("--jurisdiction", required=True, help="e.g. Pennsylvania.")(
        command
    )
    return command


def accept_debug_after_the_command_name(
    group: click.Group, *more: click.Command
) -> None:
    """`certcli timeline --debug` as well as `certcli --debug timeline`: each
    command (`more` added to the group first) takes the flag too (its value is
    read by the entry point)."""
    for command in more:
        group.add_command(command)
    for command in group.commands.values():
        command.params.append(
            click.Option(
                ["--debug"],
                is_flag=True,
                hidden=True,
                expose_value=False,
                help="Show a traceback when certcli fails unexpectedly.",
            )
        )


def report_as_of_option(command: F) -> F:
    """`certcli report --as-of`: its default is decided once the files are read."""
    return click.option(
        "--as-of",
        type=IsoDate(),
        help="Date the statuses and deadlines are shown for (default: today; the"
        " files' last date when today is over 30 days after it).",
    )(command)

"""The command line: parse options, hand off to an `execute()`, return its exit code.

Nothing here computes: each command's work lives in `certcli.commands.<name>`,
imported only when that command runs so that start-up stays fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from certcli import __version__
from certcli.cli.new import new
from certcli.cli.params import (
    IsoDate,
    OutputPath,
    PathArgument,
    RiskLimit,
    SampledCount,
    accept_debug_after_the_command_name,
    check_data_option,
    data_files,
    data_option,
    files_argument,
    output_file_option,
    output_options,
    report_as_of_option,
    results_input_options,
    which_files_options,
)
from certcli.cli.process import (
    collect_garbage_less_often,
    end_process,
    flush_stdout,
    restart_in_utf8_mode,
    silence_stdout,
    start_faster,
)
from certcli.render.formats import (
    AUDIT_FORMATS,
    CHECK_FORMATS,
    MARGIN_FORMATS,
    RESULTS_FORMATS,
    SCAN_FORMATS,
    STAGES,
    TIMELINE_FORMATS,
)

if TYPE_CHECKING:
    from decimal import Decimal
    from pathlib import Path

    from certcli.core.errors import DataError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="certcli")
@click.option(
    "--debug",
    is_flag=True,
    envvar="CERTCLI_DEBUG",
    help="Show a traceback when certcli fails unexpectedly.",
)
@click.pass_context
def cli(ctx: click.Context, *, debug: bool) -> None:
    """Check an election's certification calendar, tallies and reported figures.

    One YAML file per contest holds the calendar, the official tallies and the
    claims the press made; certcli answers when (timeline), by how much (margin)
    and whether what was reported is true (check).
    """
    ctx.obj = {"debug": debug}


@cli.command()
@data_option
@click.option(
    "--as-of",
    type=IsoDate(),
    help="Date the statuses are computed for (default: today).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(
        [
            "election",
            "deadline",
            "certification",
            "window",
            "audit",
            "recount",
            "runoff",
            "other",
        ]
    ),
    help="Only events of this kind (repeatable).",
)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(TIMELINE_FORMATS),
    default="table",
    show_default=True,
)
@output_options
def timeline(
    *,
    data: Path | None,
    as_of: date | None,
    kinds: tuple[str, ...],
    format_: str,
    output: Path | None,
    color: str,
) -> None:
    """Every deadline and certification step, with statuses as of a date."""
    from certcli.commands.timeline import execute

    today = as_of or date.today()
    sys.exit(
        execute(
            data=data,
            as_of=today,
            kinds=kinds,
            format_=format_,
            output=output,
            color=color,
        )
    )


@cli.command(short_help="Votes, shares, margin and recount eligibility per tally.")
@data_option
@click.option(
    "--candidate",
    required=True,
    metavar="NAME",
    help="Candidate key or full name (case-insensitive).",
)
@click.option(
    "--vs",
    metavar="NAME",
    help="Opponent (default: the strongest other candidate of each tally).",
)
@click.option("--tally", "tally_id", metavar="ID", help="Only this tally.")
@click.option(
    "--stage",
    type=click.Choice(STAGES),
    help="Only tallies of this stage.",
)
@click.option(
    "--by",
    type=click.Choice(("tally", "unit")),
    default="tally",
    show_default=True,
    help="One row per tally, or per reporting unit of one tally (default: the"
    " latest tally with units).",
)
@click.option(
    "--from",
    "from_tally",
    metavar="ID",
    help="With --by unit: what moved in each unit since this tally.",
)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(MARGIN_FORMATS),
    default="table",
    show_default=True,
)
@output_options
def margin(
    *,
    data: Path | None,
    candidate: str,
    vs: str | None,
    tally_id: str | None,
    stage: str | None,
    by: str,
    from_tally: str | None,
    format_: str,
    output: Path | None,
    color: str,
) -> None:
    """Votes, shares, margin, recount eligibility and the margin's history.

    With --by unit: the same per reporting unit (county, precinct) of one
    tally, by margin; with --from, what moved in each unit since that tally."""
    if tally_id is not None and stage is not None:
        raise click.UsageError("give --tally or --stage, not both")
    if from_tally is not None and by != "unit":
        raise click.UsageError("--from goes with --by unit")
    from certcli.commands.margin import execute

    sys.exit(
        execute(
            data=data,
            candidate=candidate,
            opponent=vs,
            tally_id=tally_id,
            stage=stage,
            by=by,
            from_tally=from_tally,
            format_=format_,
            output=output,
            color=color,
        )
    )


@cli.command(short_help="BRAVO ballot-polling audit sizes and measured risk.")
@data_option
@click.option(
    "--tally",
    "tally_id",
    metavar="ID",
    help="Tally to audit (default: the latest with votes of the stage the first"
    " recount rule applies to, else the latest with votes).",
)
@click.option(
    "--risk-limit",
    type=RiskLimit(),
    default="10",
    show_default=True,
    help="Risk limit in percent; 0 means a full hand count.",
)
@click.option(
    "--sampled",
    "sampled",
    multiple=True,
    type=SampledCount(),
    help="Ballots for a candidate in the sample so far (repeatable); gives the"
    " measured risk.",
)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(AUDIT_FORMATS),
    default="table",
    show_default=True,
)
@output_options
def audit(
    *,
    data: Path | None,
    tally_id: str | None,
    risk_limit: Decimal,
    sampled: tuple[tuple[str, int], ...],
    format_: str,
    output: Path | None,
    color: str,
) -> None:
    """How many ballots a BRAVO ballot-polling risk-limiting audit of a tally
    must examine, whether Arlo's rule calls for a full hand count, and the
    measured risk of a sample (--sampled)."""
    from certcli.commands.audit import execute

    sys.exit(
        execute(
            data=data,
            tally_id=tally_id,
            risk_limit=risk_limit,
            sampled=sampled,
            format_=format_,
            output=output,
            color=color,
        )
    )


@cli.command()
@files_argument
@check_data_option
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(CHECK_FORMATS),
    default="auto",
    show_default=True,
    help="auto = github when GITHUB_ACTIONS is set, text otherwise.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "unverifiable"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1; unverifiable: errors and"
    " every claim that cannot be checked (unless pinned).",
)
@click.option(
    "--as-of",
    type=IsoDate(),
    help="Date that deadlines are judged at (default: today).",
)
@which_files_options
@click.option(
    "--articles",
    type=PathArgument(exists=True, file_okay=False),
    metavar="DIR",
    help="Scan the articles in DIR that sources' `document` names: an uncovered"
    " figure or a stale claim is an error (as for sources[].file).",
)
@output_options
@click.pass_context
def check(
    ctx: click.Context,
    *,
    files: tuple[Path, ...],
    verbose: bool,
    articles: Path | None,
    example: bool,
    data: Path | None,
    format_: str,
    fail_on: str,
    as_of: date | None,
    allow_no_data: bool,
    output: Path | None,
    color: str,
) -> None:
    """Check every claim and the file's consistency; exit 0, 1 or 2.

    FILES are data files or directories (searched for *.yaml and *.yml files
    with format: certcli/...); without FILES: --data, CERTCLI_DATA, or the
    current directory.
    """
    from certcli.commands.check import execute

    paths = data_files(ctx, files, data)
    if example and paths:
        raise click.UsageError("give FILES, --data or --example, not more than one")
    if format_ == "auto":
        format_ = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    sys.exit(
        execute(
            paths=paths,
            format_=format_,
            fail_on=fail_on,
            as_of=as_of or date.today(),
            output=output,
            color=color,
            allow_no_data=allow_no_data,
            verbose=verbose,
            articles=articles,
            example=example,
        )
    )


@cli.command(short_help="Contests, choices and units of a results file.")
@click.argument("file", type=PathArgument())
@results_input_options
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(RESULTS_FORMATS),
    default="table",
    show_default=True,
)
@output_options
def results(
    *,
    file: Path,
    input_format: str | None,
    contest: str | None,
    format_: str,
    output: Path | None,
    color: str,
) -> None:
    """What a results file holds: its contests, each choice's votes over all
    units, the number and kind of units, and the file's timestamp.

    FILE is a results file as election offices publish it: a Clarity/Scytl ENR
    detail.xml, an OpenElections CSV, the MIT Election Data and Science Lab's
    county returns, or a plain CSV with one row per unit. Use what it lists to
    write a tally's `results:` mapping. A contest that cannot be read is listed
    with its problems, which make the exit code 2.
    """
    from certcli.commands.results import execute

    sys.exit(
        execute(
            path=file,
            input_format=input_format,
            contest=contest,
            format_=format_,
            output=output,
            color=color,
        )
    )


@cli.command()
@files_argument
@data_option
@report_as_of_option
@click.option(
    "--candidate",
    metavar="NAME",
    help="Whose margin the chart shows (default: the leader of the latest tally).",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(dir_okay=False, allow_dash=True),
    default="certcli-report.html",
    show_default=True,
    help="Write the page to this file (atomically); - for stdout.",
)
@click.pass_context
def report(
    ctx: click.Context,
    *,
    files: tuple[Path, ...],
    data: Path | None,
    as_of: date | None,
    candidate: str | None,
    output: Path,
) -> None:
    """Write one self-contained HTML page: timeline, margin and every claim.

    FILES are data files or directories, as for check; several files give one
    page with an index. The page needs no network and runs no script."""
    from certcli.commands.report import execute

    sys.exit(
        execute(
            paths=data_files(ctx, files, data),
            as_of=as_of,
            today=date.today(),
            candidate=candidate,
            output=None if str(output) == "-" else output,
        )
    )


@cli.command(short_help="Every figure of an article: covered, proposed or unmappable.")
@click.argument("article", type=PathArgument())
@data_option
@click.option(
    "--source",
    metavar="ID",
    help="The article's source in the data file (default: the source whose"
    " file: or document has the article's file name).",
)
@click.option(
    "--published",
    type=IsoDate(),
    help="For an article the data file has no source for: its publication date"
    " (default: its own date line or <meta> date); a new source is proposed.",
)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(SCAN_FORMATS),
    default="table",
    show_default=True,
    help="yaml = the proposed claims, ready to paste.",
)
@output_options
def scan(
    *,
    article: Path,
    data: Path | None,
    source: str | None,
    published: date | None,
    format_: str,
    output: Path | None,
    color: str,
) -> None:
    """Every figure of a news article (text, Markdown or HTML, read offline):
    covered by a claim (its verdict shown), uncovered (a claim proposed, with
    its verdict) or unmappable; claims whose quote it lacks are stale. Exit 0
    when nothing is uncovered or stale, 1 otherwise."""
    from certcli.commands.scan import execute

    sys.exit(
        execute(
            data=data,
            article=article,
            source=source,
            published=published,
            format_=format_,
            output=output,
            color=color,
        )
    )


@cli.command()
@output_file_option
def schema(*, output: Path | None) -> None:
    """Print the JSON Schema of the data file."""
    from certcli.commands.schema import execute

    sys.exit(execute(output=output))


accept_debug_after_the_command_name(cli, new)


def main(argv: list[str] | None = None) -> None:
    """Entry point: exit codes 0, 1 or 2, and never a traceback unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    if argv is None:
        restart_in_utf8_mode(args)
        from certcli.core.streams import hold_standard_streams

        hold_standard_streams()
        collect_garbage_less_often()
        start_faster()
    debug = "--debug" in args or os.environ.get("CERTCLI_DEBUG", "") not in {"", "0"}
    from certcli.core import errors

    errors.show_tracebacks = debug
    try:
        try:
            code = cli.main(args=args, prog_name="certcli", standalone_mode=False)
        finally:
            flush_stdout()
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except click.Abort as stop:
        interrupted = isinstance(stop.__cause__, KeyboardInterrupt)
        click.echo("Interrupted." if interrupted else "Aborted.", err=True)
        code = EXIT_USAGE
    except click.ClickException as err:
        err.show()
        code = EXIT_USAGE
    except _data_error() as err:
        from certcli.core.text import visible

        for problem in err.problems:
            click.echo(visible(str(problem)), err=True)
        code = EXIT_USAGE
    except _usage_error() as err:
        from certcli.core.text import visible

        click.echo(f"Error: {visible(str(err))}", err=True)
        code = EXIT_USAGE
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            code = stop.code or EXIT_OK
        else:
            click.echo(str(stop.code), err=True)
            code = EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        code = EXIT_USAGE
    except BrokenPipeError:
        silence_stdout()
        code = EXIT_OK
    except Exception as err:
        if debug:
            import traceback

            traceback.print_exc()
        click.echo(
            f"certcli: {errors.internal_error(err)}\n"
            + (
                "Please report it."
                if debug
                else "Rerun with --debug to see the traceback, and please report it."
            ),
            err=True,
        )
        code = EXIT_USAGE
    code = code if isinstance(code, int) else EXIT_OK
    if argv is None:
        end_process(code)
    sys.exit(code)


# certcli's error types, imported only when an exception is being matched
# (`except` evaluates its expression only then): `certcli --help` and
# `--version` never pay for them.
def _data_error() -> type[DataError]:
    from certcli.core.errors import DataError

    return DataError


def _usage_error() -> type[UsageError]:
    from certcli.core.errors import UsageError

    return UsageError

"""`certcli new`: its options, parsed and handed to `certcli.commands.new`."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import click

from certcli.cli.params import starter_options


@click.command(short_help="Write a commented first data file for a jurisdiction.")
@starter_options
def new(
    *,
    jurisdiction: str,
    office: str,
    election_day: date,
    timezone: str,
    country: str,
    subdivision: str | None,
    candidates: tuple[tuple[str, str], ...],
    election_id: str | None,
    output: Path | None,
) -> None:
    """Write a commented first data file for a jurisdiction: the election, its
    candidates, the usual deadlines as dates relative to election day, one
    recount rule, one tally and three example claims, all to be replaced with
    the real ones. `certcli check` passes on it as written."""
    from certcli.commands.new import execute
    from certcli.core.text import shorten, visible
    from certcli.datafile.starter import LATEST_DEADLINE_DAYS, Starter

    if len(candidates) == 1:
        raise click.UsageError("give --candidate at least twice, or not at all")
    keys = [key for key, _ in candidates]
    if twice := sorted({key for key in keys if keys.count(key) > 1}):
        raise click.UsageError(f"--candidate key {twice[0]!r} is given twice")
    for option, value in (("--jurisdiction", jurisdiction), ("--office", office)):
        if not value.strip():
            raise click.UsageError(f"{option} is blank; give its name")
    named = [("--jurisdiction", jurisdiction), ("--office", office)]
    named += [("--candidate", f"{key}={name}") for key, name in candidates]
    for option, value in named:
        if visible(value) != value:
            # A terminal would act on it; YAML refuses most of them anyway.
            raise click.UsageError(
                f"{option} {shorten(value)} holds a control or invisible"
                " character; give the name as it is written"
            )
    if election_day > date.max - timedelta(days=LATEST_DEADLINE_DAYS):
        raise click.BadParameter(
            f"{election_day.isoformat()} is too late: the deadlines that follow it"
            f" would fall after {date.max.isoformat()}",
            param_hint="--election-day",
        )
    starter = Starter(
        jurisdiction=jurisdiction,
        office=office,
        election_day=election_day,
        timezone=timezone,
        country=country,
        subdivision=subdivision,
        id=election_id,
        **({"candidates": candidates} if candidates else {}),
    )
    sys.exit(execute(starter=starter, output=output))

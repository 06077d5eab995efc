"""`certcli new`: its options, parsed and handed to `certcli.commands.new`."""

from __future__ import annotations

import sys
from datetime import date
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
    from certcli.datafile.starter import Starter

    if len(candidates) == 1:
        raise click.UsageError("give --candidate at least twice, or not at all")
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

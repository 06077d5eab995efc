"""The smallest click program with a subcommand: the floor for `certcli --help`.

bench/run.sh times `python bench/minimal_click.py --help` beside `certcli --help`
so the table shows how much of certcli's start-up is click's own. Like certcli,
it ends the process without tearing the interpreter down.
"""

import os
import sys

import click


@click.group()
def cli() -> None:
    """A minimal click application."""


@cli.command()
@click.option("--data", type=click.Path())
def check(data: str | None) -> None:
    """Check."""


if __name__ == "__main__":
    try:
        cli()
    except SystemExit as stop:
        sys.stdout.flush()
        os._exit(stop.code if isinstance(stop.code, int) else 1)

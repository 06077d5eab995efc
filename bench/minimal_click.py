"""The smallest click program with a subcommand: the floor for `certcli --help`.

bench/run.sh times `python bench/minimal_click.py --help` beside `certcli --help`
so the table shows how much of certcli's start-up is click's own.
"""

import click


@click.group()
def cli() -> None:
    """A minimal click application."""


@cli.command()
@click.option("--data", type=click.Path())
def check(data: str | None) -> None:
    """Check."""


if __name__ == "__main__":
    cli()

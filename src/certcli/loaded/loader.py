"""The loaded contest from a path: read, parse, validate, resolve the dates.

One job per module: `located` reads YAML with positions, `validation` turns
plain values into models and checks references, `units` reads the tallies'
reporting units (results files included), `contest` is the loaded file and
what is worked out from it; this module puts them together.
"""

from __future__ import annotations

import os
from pathlib import Path

from certcli.core.text import shown_path
from certcli.datafile.located import Located, parse_yaml, read_text
from certcli.loaded.contest import Contest
from certcli.loaded.validation import validate_model


def load(path: str | os.PathLike[str], display: str | None = None) -> Contest:
    """Read, parse and validate a data file; raises DataError with every problem.

    A file whose dates cannot be resolved (a window that ends before it starts,
    a rule that leaves the calendar) is refused here too, so that every command
    refuses the same files with the same messages.
    """
    file = Path(path)
    shown = display if display is not None else shown_path(path)
    located = parse_yaml(read_text(file, shown), shown)
    contest = validate(located, file.parent, file)
    contest.timeline  # noqa: B018 - resolving the dates is part of loading
    return contest


# How reports name the bundled file, instead of a path inside the installation.
BUNDLED_NAME = "bundled example (Georgia 2020)"


def bundled_path() -> Path:
    """Where the data file that ships with certcli is installed."""
    from importlib.resources import as_file, files

    with as_file(files("certcli") / "data" / "events.yaml") as bundled:
        return Path(bundled)


def load_bundled() -> Contest:
    """The data file that ships with certcli (Georgia 2020, president), shown
    as `BUNDLED_NAME`."""
    return load(bundled_path(), display=BUNDLED_NAME)


def validate(
    located: Located, base: Path | None = None, data_file: Path | None = None
) -> Contest:
    """The contest of a parsed file; raises DataError with every problem.

    Results files are named relative to `base` (the data file's folder; the
    working directory when not given) and may not be `data_file` itself.
    """
    from certcli.datafile.units import read_units, with_unit_figures

    model = validate_model(located)
    if not any(t.units is not None or t.results is not None for t in model.tallies):
        return Contest(model, located)
    units = read_units(model, located, base or Path("."), data_file)
    return Contest(with_unit_figures(model, units), located, units)

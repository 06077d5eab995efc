"""Property tests of the results readers (hypothesis; examples per the profile
in conftest.py).

* Generated Clarity files: what the reader sums per unit and choice is what
  was written, whatever the order, the number of vote types and the case of
  the contest's name.
* Broken files: the real samples cut, with lines deleted or bytes changed,
  give a result or a located DataError, never another exception.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certcli.core.errors import DataError
from certcli.readers import clarity, openelections

RESULTS = Path(__file__).parent / "data" / "results"
SAMPLES = {
    "clarity": [
        (RESULTS / "clarity-ky-greenup-2014-primary-precinct.xml").read_bytes(),
        (RESULTS / "clarity-variants-county.xml").read_bytes(),
    ],
    "openelections": [
        (RESULTS / "openelections-county.csv").read_bytes(),
        (RESULTS / "openelections-precinct.csv").read_bytes(),
    ],
}
READERS = {"clarity": clarity, "openelections": openelections}
names = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x2FF, exclude_characters="<&\"'"),
    min_size=1,
    max_size=12,
).filter(lambda name: name.strip() == name and name.strip())


@st.composite
def contests(draw: st.DrawFn) -> dict[str, dict[str, list[int]]]:
    """choice → unit → votes per vote type."""
    units = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    choices = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    types = draw(st.integers(1, 4))
    return {
        choice: {
            unit: draw(st.lists(st.integers(0, 10**9), min_size=types, max_size=types))
            for unit in units
        }
        for choice in choices
    }


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def clarity_file(contest: dict[str, dict[str, list[int]]], tag: str) -> str:
    lines = ["<ElectionResult>", '<Contest text="Mayor of Somewhere">']
    for choice, units in contest.items():
        lines.append(f'<Choice text="{escape(choice)}">')
        types = len(next(iter(units.values())))
        for index in range(types):
            votes = {unit: counts[index] for unit, counts in units.items()}
            lines.append(f'<VoteType name="T{index}" votes="{sum(votes.values())}">')
            lines += [
                f'<{tag} name="{escape(unit)}" votes="{count}" />'
                for unit, count in votes.items()
            ]
            lines.append("</VoteType>")
        lines.append("</Choice>")
    lines += ["</Contest>", "</ElectionResult>"]
    return "\n".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(contests(), st.sampled_from(["County", "Precinct", "Ward"]), st.data())
def test_clarity_sums_what_was_written(
    contest: dict[str, dict[str, list[int]]], tag: str, data: st.DataObject
) -> None:
    wanted = data.draw(st.sampled_from(["mayor of somewhere", "MAYOR OF SOMEWHERE"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xml"
        path.write_text(clarity_file(contest, tag), encoding="utf-8")
        results = clarity.read(path, "r.xml", wanted)
    assert results.unit_kind == tag.lower()
    assert results.choices == tuple(contest)
    assert results.units == {
        unit: {choice: sum(contest[choice][unit]) for choice in contest}
        for unit in next(iter(contest.values()))
    }


@st.composite
def broken(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(SAMPLES)))
    data = draw(st.sampled_from(SAMPLES[kind]))
    how = draw(st.sampled_from(["cut", "delete-line", "change-bytes", "insert"]))
    if how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "delete-line":
        lines = data.split(b"\n")
        del lines[draw(st.integers(0, len(lines) - 1))]
        data = b"\n".join(lines)
    elif how == "change-bytes":
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    else:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]
    return kind, data


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_broken_files_give_results_or_located_errors(case: tuple[str, bytes]) -> None:
    kind, data = case
    reader = READERS[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r"
        path.write_bytes(data)
        reads: tuple[Callable[[], object], ...] = (
            lambda: reader.summarize(path, "r"),
            lambda: reader.read(path, "r", "President of the United States"),
        )
        for read in reads:
            try:
                read()
            except DataError as err:
                assert err.problems
                assert all(str(problem).startswith("r:") for problem in err.problems)

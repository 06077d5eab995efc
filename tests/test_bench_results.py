"""The results benchmark's generator keeps writing files the reader accepts.

CI times nothing: a tiny file is generated, read and summarised; the stated
totals in it (each choice's totalVotes) must agree with what the reader sums.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from certcli.readers import clarity
from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_script("bench_results", ROOT / "bench" / "results.py")


def test_a_tiny_generated_file_reads_and_is_reproducible(
    bench: ModuleType, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    bench.generate(first, precincts=20, contests=3, seed=7)
    bench.generate(second, precincts=20, contests=3, seed=7)
    assert first.read_bytes() == second.read_bytes()
    summary = clarity.summarize(first, "a.xml")
    assert [contest.name for contest in summary.contests] == list(bench.CONTESTS[:3])
    assert all(contest.units == 20 for contest in summary.contests)
    assert all(contest.notes == () for contest in summary.contests)
    results = clarity.read(first, "a.xml", bench.CONTESTS[0])
    assert results.unit_kind == "precinct"
    assert len(results.units) == 20
    assert results.choices == bench.NAMES[:2]

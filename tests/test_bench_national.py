"""The national benchmark's generator writes what bench/national.sh measures.

CI times nothing: a tiny country is generated, read by certcli and by the
floor, and checked; the same seed gives the same bytes.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from certcli.readers import openelections
from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def national() -> ModuleType:
    return load_script("bench_national", ROOT / "bench" / "national.py")


@pytest.fixture(scope="module")
def country(national: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("national")
    assert national.main(["generate", str(out / "one"), "--precincts", "300"]) == 0
    assert national.main(["generate", str(out / "two"), "--precincts", "300"]) == 0
    assert (
        national.main(["generate", str(out / "house"), "--precincts", "300", "--house"])
        == 0
    )
    return out


def test_the_same_seed_gives_the_same_bytes(country: Path) -> None:
    for name in ("national.csv", "national.yaml"):
        assert (country / "one" / name).read_bytes() == (
            country / "two" / name
        ).read_bytes()


def test_certcli_reads_what_the_floor_sums(national: ModuleType, country: Path) -> None:
    path = country / "one" / "national.csv"
    results = openelections.read(path, "national.csv", "President")
    assert len(results.units) == 300
    assert results.unit_kind == "precinct"
    sums = national.floor(path, "President")
    assert list(sums) == [name for _, name, _, _ in national.CANDIDATES]
    assert {
        choice: sum(votes[choice] for votes in results.units.values())
        for choice in results.choices
    } == sums
    # Counties repeat their names from state to state; units never do.
    assert "Washington (AL): Precinct 0001" in results.units
    assert "Washington (AK): Precinct 0001" in results.units


def test_a_second_contest_leaves_the_first_as_it_was(country: Path) -> None:
    alone = openelections.read(country / "one" / "national.csv", "a", "President")
    beside = openelections.read(country / "house" / "national.csv", "b", "President")
    assert beside.units == alone.units
    house = openelections.summarize(country / "house" / "national.csv", "b")
    assert [contest.name for contest in house.contests][:2] == [
        "President",
        "U.S. House, district 1",
    ]


@pytest.mark.subprocess
def test_the_data_file_checks_clean(country: Path) -> None:
    data = country / "one" / "national.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "certcli", "check", "--format", "json", str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    verdicts = [claim["verdict"] for claim in report["claims"]]
    assert verdicts == ["consistent"] * 3


def test_precincts_are_shared_out_among_every_county(national: ModuleType) -> None:
    shares = national.precincts_per_county(10_000, random.Random(1))
    assert len(shares) == len(national.counties()) == 3143
    assert sum(shares) == 10_000 and min(shares) >= 1
    assert len(set(national.counties())) == 3143


def test_the_summary_compares_each_pair_with_its_floor(
    national: ModuleType, tmp_path: Path
) -> None:
    def result(command: str, median: float) -> dict[str, object]:
        return {
            "command": command,
            "median": median,
            "mean": median,
            "stddev": 0.1,
            "user": median / 2,
            "system": 0.0,
        }

    pairs = {"a": (1.0, 1.9), "b": (2.0, 6.5)}
    for key, (floor, measured) in pairs.items():
        (tmp_path / f"national-{key}.json").write_text(
            json.dumps({"results": [result("floor", floor), result(key, measured)]})
        )
    (tmp_path / "national-memory.txt").write_text("a\t102400\n")
    table = national.summary(tmp_path).splitlines()
    times = "\u00d7"
    assert table[3] == (
        f"|  | `a` | 1.90 s | 1.90 s ± 0.10 | 0.95 s | 100 MB | 1.90 {times}"
        f" | 1.90 {times} | ≤ 2.0 {times} | **met** |"
    )
    assert table[5].endswith(
        f"| 3.25 {times} | 3.25 {times} | ≤ 3.0 {times} | **not met** |"
    )

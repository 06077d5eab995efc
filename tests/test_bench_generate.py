"""The benchmark generator keeps working: tiny runs that load and check.

CI times nothing; it only makes sure `bench/generate.py` still writes files
that certcli loads and checks (exit 0 or 1, never 2), the same bytes for the
same seed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from certcli.datafile.models import AfterDate
from certcli.loaded.loader import load
from conftest import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return load_script("bench_generate", ROOT / "bench" / "generate.py")


@pytest.fixture(scope="module")
def generated(
    generate: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    """A tiny newsroom repository (one file per kind of jurisdiction) and a
    tiny large file."""
    out = tmp_path_factory.mktemp("bench")
    assert generate.main(["repo", str(out / "repo"), "--files", "14"]) == 0
    assert generate.main(["large", str(out / "large.yaml"), "--scale", "0.002"]) == 0
    return [*sorted((out / "repo").glob("*.yaml")), out / "large.yaml"]


@pytest.mark.slow
def test_every_generated_file_loads(generated: list[Path]) -> None:
    contests = [load(path) for path in generated]
    assert len(contests) == len(generated) == 15
    large = contests[-1].model
    assert (len(large.claims), len(large.tallies), len(large.events)) == (50, 4, 8)


def test_the_repository_covers_what_the_benchmark_promises(
    generated: list[Path],
) -> None:
    models = [load(path).model for path in generated]
    metrics = {claim.metric.value for model in models for claim in model.claims}
    assert metrics == {
        "votes", "share", "margin", "margin_percent", "total", "units_certified",
        "units_total", "electoral_votes", "electoral_surplus",
        "state_electoral_votes", "date", "weekday", "recount_eligible",
    }  # fmt: skip
    rules = [rule for model in models for rule in model.election.recount_rules]
    assert {rule.trigger for rule in rules} == {"on_request", "automatic"}
    assert {rule.denominator for rule in rules} == {"all_candidates", "top_two"}
    forms = set()
    for model in models:
        for event in model.events:
            for expr in (event.date, event.start, event.end):
                if expr is None:
                    continue
                kind = type(expr).__name__
                if isinstance(expr, AfterDate):
                    kind += "(business_days)" if expr.business_days else "(days)"
                forms.add(kind)
    assert forms == {
        "date", "EventDate", "AfterDate(days)", "AfterDate(business_days)",
        "BeforeDate",
    }  # fmt: skip
    countries = {m.election.calendar.country for m in models}
    assert {"US", "DE", "CA", "AU", "GB", "BR", "IN", "CH", "ES"} <= countries
    assert any(m.election.calendar.subdivision is None for m in models)


def test_same_seed_same_bytes(generate: ModuleType) -> None:
    assert generate.contest_file(7, 3) == generate.contest_file(7, 3)
    assert generate.contest_file(7, 3) != generate.contest_file(8, 3)
    assert generate.large_file(7, 0.002) == generate.large_file(7, 0.002)


@pytest.mark.slow
@pytest.mark.subprocess
def test_certcli_check_gives_findings_not_data_errors(generated: list[Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "certcli", "check", "--format", "json", *generated],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in {0, 1}, done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == len(generated)
    assert report["summary"]["data_errors"] == 0
    verdicts = {claim["verdict"] for claim in report["claims"]}
    assert verdicts == {"consistent", "inconsistent", "unverifiable"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["repo", "x", "--files", "0"], "--files must be at least 1"),
        (["large", "x.yaml", "--scale", "0"], "--scale must be positive"),
    ],
)
def test_bad_sizes_are_usage_errors(
    generate: ModuleType,
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        generate.main(argv)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err

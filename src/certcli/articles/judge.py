"""Proposed claims judged by the claim engine of `certcli check`: added to
the data file in memory, validated by the loader, and given their verdicts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from certcli.claims.findings import ClaimResult
from certcli.core.errors import DataError
from certcli.datafile.located import Located
from certcli.loaded.contest import Contest

# --- judging the proposals with the claim engine --------------------------------


def judge(
    contest: Contest,
    source: str,
    new_source: Mapping[str, Any] | None,
    proposals: list[dict[str, Any]],
) -> list[ClaimResult | str]:
    """Each proposed claim's verdict, as `certcli check` gives it once the
    claim is in the file; or the loader's message when the file would refuse it."""
    outcomes: dict[int, ClaimResult | str] = {}
    pending = list(range(len(proposals)))
    while pending:
        try:
            results = _evaluate_with(
                contest, source, new_source, [proposals[i] for i in pending]
            )
        except DataError as err:
            refused = _refused(err, len(contest.model.claims), pending)
            if not refused:
                raise
            for position, message in refused.items():
                outcomes[position] = f"the file would refuse the claim: {message}"
            pending = [i for i in pending if i not in refused]
            continue
        outcomes.update(zip(pending, results, strict=True))
        break
    return [outcomes[i] for i in range(len(proposals))]


def _refused(err: DataError, first: int, pending: list[int]) -> dict[int, str]:
    refused: dict[int, str] = {}
    for problem in err.problems:
        found = re.match(r"claims\[([0-9]+)\]", problem.path)
        if found is not None:
            at = int(found.group(1)) - first
            if 0 <= at < len(pending):
                refused.setdefault(pending[at], problem.message)
    return refused


def _evaluate_with(
    contest: Contest,
    source: str,
    new_source: Mapping[str, Any] | None,
    proposals: list[dict[str, Any]],
) -> list[ClaimResult]:
    from certcli.claims.verdicts import evaluate
    from certcli.datafile.units import with_unit_figures
    from certcli.loaded.validation import validate_model

    data = dict(contest.located.data)
    if new_source is not None:
        data["sources"] = {**(data.get("sources") or {}), source: dict(new_source)}
    existing = list(data.get("claims") or [])
    data["claims"] = existing + [dict(claim) for claim in proposals]
    located = Located(
        contest.located.file, data, contest.located.values, contest.located.keys
    )
    model = validate_model(located)
    if contest.units:
        model = with_unit_figures(model, contest.units)
    extended = Contest(model, located, contest.units)
    return list(evaluate(extended, extended.timeline)[len(existing) :])

"""The declared dependencies: the lowest versions CI tests with are the lower
bounds pyproject.toml declares, one for one."""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - pytest brings tomli on Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LOWEST = ROOT / ".ci" / "lowest-versions.txt"


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def _lower_bound(requirement: Requirement) -> Version:
    (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    return Version(bound)


def test_every_runtime_dependency_is_pinned_at_its_lower_bound() -> None:
    declared = _project()["dependencies"]
    assert isinstance(declared, list)
    wanted = {}
    for line in declared:
        requirement = Requirement(line)
        wanted[canonicalize_name(requirement.name)] = (
            _lower_bound(requirement),
            requirement.marker,
        )
    pinned = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pinned[canonicalize_name(requirement.name)] = (
                Version(spec.version),
                requirement.marker,
            )
    assert pinned == wanted


def test_the_package_says_it_is_typed() -> None:
    classifiers = _project()["classifiers"]
    assert isinstance(classifiers, list)
    assert "Typing :: Typed" in classifiers
    assert (ROOT / "src" / "certcli" / "py.typed").is_file()

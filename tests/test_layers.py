"""The packages are layers (pyproject.toml's import-linter contracts), no module
imports itself back through others, and a long module says its one job."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "certcli"

# Modules over 600 lines, each with the one job that keeps it whole. A module
# that grows past 600 lines with a second job is split instead.
LONG_MODULES = {
    "audit/bravo.py": "the BRAVO statistics, each threshold decided exactly",
    "claims/verdicts.py": "a claim's verdict: its metric computed and compared",
    "datafile/models.py": "the pydantic models of the data file",
    "datafile/stated.py": "the grammar of stated values and their intervals",
    "datafile/units.py": "a tally's reporting units, inline or from a results file",
    "readers/clarity.py": "one reader: Clarity/Scytl ENR XML, streamed",
    "readers/openelections.py": "one reader: the OpenElections CSV layout, streamed",
}


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    """The layers, and the commands and readers that stand alone (what
    `lint-imports` checks in CI)."""
    config = str(ROOT / "pyproject.toml")
    code = lint_imports(config_filename=config, no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "BROKEN" not in report
    assert report.count("KEPT") == 4, report


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(edges[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_cycles_are_found() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(edges) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back() -> None:
    """Not even a package and its own modules (`readers/__init__` and
    `readers/files` once did), which import-linter's sibling contract does not
    see."""
    graph = grimp.build_graph("certcli", cache_dir=None)
    modules = set(graph.modules)
    edges = {
        module: set(graph.find_modules_directly_imported_by(module)) & modules
        for module in modules
    }
    assert _cycles(edges) == []


def test_long_modules_have_one_job() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > 600
    }
    assert long == set(LONG_MODULES), (
        "a module over 600 lines: split it, or name its one job in LONG_MODULES"
    )

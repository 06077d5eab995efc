"""The README's generated parts (help texts, rule table) match the program."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script() -> object:
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_parts_are_current() -> None:
    script = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert script.BLOCK.search(text), "README.md has no generated parts"  # type: ignore[attr-defined]
    assert script.render(text) == text, (  # type: ignore[attr-defined]
        "README.md is stale: run python scripts/update_readme.py"
    )


def test_readme_names_its_ci_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- ci:check -->\n```sh\n" in text
    assert "<!-- ci:test -->\n```sh\n" in text

"""Shared test set-up: the hypothesis profiles, an in-process certcli runner,
and the `subprocess` marker kept honest.

Two profiles, chosen by the environment:

* ``dev`` (default): 100 examples per property, no deadline.
* ``ci`` (when ``CI`` is set, as CI services do): 25 examples per property, no
  deadline, derandomized so that a CI run is reproducible and bounded in time.

``HYPOTHESIS_PROFILE=ci`` or ``=dev`` picks one explicitly. Deadlines are off
in both: the suite must not fail because a shared CI machine is slow.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() not in {"", "0", "false"} else "dev")
)


@pytest.fixture(scope="session", autouse=True)
def _holiday_cache_of_the_tests(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Commands the tests start as processes keep their holiday cache (see
    certcli.calendar.business_days) in a directory of the test run, not the user's."""
    before = os.environ.get("CERTCLI_CACHE_DIR")
    os.environ["CERTCLI_CACHE_DIR"] = str(tmp_path_factory.mktemp("holiday-cache"))
    yield
    if before is None:
        del os.environ["CERTCLI_CACHE_DIR"]
    else:
        os.environ["CERTCLI_CACHE_DIR"] = before


@pytest.fixture(autouse=True)
def _a_test_that_starts_a_process_says_so(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test (or its fixtures) may start a process (`subprocess`) only when
    it is marked `subprocess` (pyproject.toml lists the markers), so that
    `-m "not subprocess"` really leaves out every such test."""
    if request.node.get_closest_marker("subprocess") is not None:
        return
    name = request.node.nodeid

    def refuse(self: subprocess.Popen[bytes], *args: object, **kwargs: object) -> None:
        pytest.fail(f"{name} starts a process: mark it @pytest.mark.subprocess")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@dataclass(frozen=True)
class Run:
    """What one certcli invocation did: exit code, stdout and stderr."""

    code: int
    out: str
    err: str


@pytest.fixture
def certcli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run certcli's entry point in this process (fast), exactly as the shell
    would: `main()` with its top-level guard, in a clean environment."""
    from certcli.cli import main
    from certcli.core import inputs

    # Each run starts with no remembered input files, as a new process would.
    monkeypatch.setattr(inputs, "_INPUTS", set())
    for name in (
        "CERTCLI_DATA",
        "CERTCLI_DEBUG",
        "CERTCLI_MAX_BYTES",
        "CERTCLI_MAX_RESULTS_BYTES",
        "CERTCLI_JOBS",
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "NO_COLOR",
        "FORCE_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str | os.PathLike[str]) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as stop:
            main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        code = stop.value.code
        assert isinstance(code, int), f"exit code {code!r} is not a number"
        return Run(code, out, err)

    return run


BUNDLED_DATA = os.path.join(os.path.dirname(__file__), os.pardir, "data")
# The results files the bundled data file reads, next to it.
BUNDLED_RESULTS = (
    "ga_2020_president_county_certified_2020-11-20.csv",
    "ga_2020_president_county_recount_2020-12-07.csv",
)


def copy_bundled_results(directory: str | os.PathLike[str]) -> None:
    """Copy the bundled results files into `directory`, so that a copy of the
    bundled data file placed there reads them."""
    import shutil

    for name in BUNDLED_RESULTS:
        shutil.copyfile(os.path.join(BUNDLED_DATA, name), os.path.join(directory, name))


def load_script(name: str, path: os.PathLike[str]) -> ModuleType:
    """A script of the repository (bench/, scripts/) imported as module NAME."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def shared_seeds() -> str:
    """The reference articles (a `shared/seeds/` directory beside the
    checkout, found upwards from the tests); skips, saying where it looked,
    when they are not there: they are not part of certcli."""
    here = os.path.abspath(os.path.dirname(__file__))
    candidates = []
    while True:
        candidates.append(os.path.join(here, "shared", "seeds"))
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    for folder in candidates:
        if os.path.isdir(folder):
            return folder
    pytest.skip(
        "the articles (shared/seeds/) are not beside this checkout; looked in: "
        + ", ".join(candidates)
    )

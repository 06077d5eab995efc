"""map_files: every file's result, in the order given, on one or more processes."""

from __future__ import annotations

import os

import pytest

from certcli.core import parallel
from certcli.core.errors import UsageError
from certcli.core.parallel import map_files, worker_count


def square(number: int) -> int:
    return number * number


def pid_and_number(number: int) -> tuple[int, int]:
    return os.getpid(), number


def fail_on_three(number: int) -> int:
    if number == 3:
        raise ValueError(f"no {number}")
    return number


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "available_cores", lambda: 2)


@pytest.mark.parametrize(
    ("files", "jobs", "environment", "expected"),
    [
        (0, None, None, 1),
        (1, None, None, 1),
        (7, None, None, 1),  # few files: one process is faster
        (8, None, None, 2),
        (500, None, None, 2),  # every core, no more
        (500, 1, None, 1),
        (500, 4, None, 4),  # an explicit count is obeyed
        (3, 4, None, 3),  # … but never more processes than files
        (1, 4, None, 1),
        (500, None, "1", 1),
        (3, None, "2", 2),
        (500, None, "3", 3),
        (500, None, " 2 ", 2),
        (500, 1, "3", 1),  # the argument wins over the environment
        (500, None, "", 2),
        (500, 0, None, 2),
    ],
)
def test_worker_count(
    monkeypatch: pytest.MonkeyPatch,
    files: int,
    jobs: int | None,
    environment: str | None,
    expected: int,
) -> None:
    if environment is not None:
        monkeypatch.setenv(parallel.JOBS_VARIABLE, environment)
    assert worker_count(files, jobs) == expected


@pytest.mark.parametrize("environment", ["0", "-2", "two", "10001"])
def test_a_bad_jobs_variable_is_refused(
    monkeypatch: pytest.MonkeyPatch, environment: str
) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, environment)
    with pytest.raises(UsageError, match="CERTCLI_JOBS must be a whole number"):
        parallel.worker_count(500)


def test_one_core_means_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert worker_count(500) == 1


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_keep_the_order_of_the_paths(jobs: int) -> None:
    numbers = list(range(40, 0, -1))
    assert map_files(square, numbers, jobs=jobs) == [n * n for n in numbers]


def test_many_files_run_on_other_processes() -> None:
    results = map_files(pid_and_number, range(16), jobs=2)
    assert [number for _, number in results] == list(range(16))
    assert os.getpid() not in {pid for pid, _ in results}


def test_few_files_stay_in_this_process() -> None:
    results = map_files(pid_and_number, range(3))
    assert results == [(os.getpid(), n) for n in range(3)]


def test_environment_turns_processes_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    results = map_files(pid_and_number, range(16))
    assert {pid for pid, _ in results} == {os.getpid()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_is_raised_here(jobs: int) -> None:
    with pytest.raises(ValueError, match="no 3"):
        map_files(fail_on_three, range(10), jobs=jobs)


def test_no_processes_available_means_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(workers: int) -> None:
        raise OSError("no semaphores here")

    monkeypatch.setattr(parallel, "_executor", refuse)
    assert map_files(pid_and_number, range(10), jobs=2) == [
        (os.getpid(), n) for n in range(10)
    ]


def test_paths_may_be_any_iterable() -> None:
    assert map_files(square, (n for n in range(12)), jobs=2) == [
        n * n for n in range(12)
    ]

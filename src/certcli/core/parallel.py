"""Map a function over data files, on several processes when that pays off.

`certcli check` over a repository of hundreds of contest files spends its time
parsing and validating each file, independently of the others, so the files
can be shared out between processes. A process pool costs a few milliseconds to
start, so a handful of files is done in this process; results always come back
in the order of the paths, so output does not depend on which process finished
first.

`CERTCLI_JOBS` overrides the automatic choice: a whole number of processes,
``1`` to stay in one process. The function and its results cross process
boundaries by pickling: pass a module-level function, and return plain data
(catch a `DataError` inside the function and return its problems rather than
raising it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

Item = TypeVar("Item")  # a file, or whatever the function is mapped over
Result = TypeVar("Result")

# Below this many files one process is faster than starting a pool.
MIN_FILES_FOR_PROCESSES = 8
JOBS_VARIABLE = "CERTCLI_JOBS"


def available_cores() -> int:
    """The cores this process may run on (its affinity mask where known)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def jobs_from_environment() -> int | None:
    """`CERTCLI_JOBS` as a number of processes, or None when unset; anything but
    a whole number above 0 is a UsageError, as for CERTCLI_MAX_BYTES."""
    from certcli.core.environment import number_from_environment

    return number_from_environment(
        JOBS_VARIABLE, noun="processes", example="2", most=10_000
    )


def worker_count(files: int, jobs: int | None = None) -> int:
    """How many processes `map_files` uses for `files` files.

    An explicit `jobs` (or `CERTCLI_JOBS`) is obeyed, capped at one process per
    file; otherwise every available core, but only for at least
    `MIN_FILES_FOR_PROCESSES` files.
    """
    if files <= 1:
        return 1
    chosen = jobs if jobs is not None and jobs >= 1 else jobs_from_environment()
    if chosen is not None:
        return max(1, min(chosen, files))
    if files < MIN_FILES_FOR_PROCESSES:
        return 1
    return max(1, min(available_cores(), files))


def map_files(
    function: Callable[[Item], Result],
    paths: Iterable[Item],
    jobs: int | None = None,
) -> list[Result]:
    """`[function(path) for path in paths]`, on several processes when many files.

    The order of the results is the order of `paths`. An exception raised by
    `function` is raised here, for the first path (in order) that raised one.
    Where processes cannot be started (no fork, no semaphores), the files are
    done in this process.
    """
    items = list(paths)
    workers = worker_count(len(items), jobs)
    if workers <= 1:
        return [function(item) for item in items]
    try:
        executor = _executor(workers)
    except (ImportError, NotImplementedError, OSError):
        return [function(item) for item in items]
    # A few chunks per process: fewer round trips, and still some balancing
    # between files that take longer and files that take less.
    chunk = max(1, len(items) // (workers * 4))
    with executor:
        return list(executor.map(function, items, chunksize=chunk))


def _executor(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares what this process has imported already (the models, the
    # parser), so workers start in milliseconds; elsewhere, the platform default.
    method = "fork" if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method)
    )

"""The files this process read as data, so that no output replaces one.

Kept apart from `certcli.core.output` so that whatever reads a file (the data
file's reader, the results readers, the check engine for its workers) can
record it without importing where output goes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

# (device, inode) of every data file read in this process.
_INPUTS: set[tuple[int, int]] = set()
# The sets `inputs_read` is recording into.
_RECORDING: list[set[tuple[int, int]]] = []


def remember_input(device: int, inode: int) -> None:
    """Record a file that was read as data, so that no output replaces it."""
    _INPUTS.add((device, inode))
    for recording in _RECORDING:
        recording.add((device, inode))


@contextlib.contextmanager
def inputs_read() -> Iterator[set[tuple[int, int]]]:
    """The inputs remembered while the block runs (as device and inode), for a
    worker process to hand back to the process that writes the output."""
    recorded: set[tuple[int, int]] = set()
    _RECORDING.append(recorded)
    try:
        yield recorded
    finally:
        _RECORDING[:] = [other for other in _RECORDING if other is not recorded]


def is_input(device: int, inode: int) -> bool:
    """Whether the file (device, inode) was read as data in this process."""
    return (device, inode) in _INPUTS

"""The files this process read as data, so that no output replaces one.

Kept apart from `certcli.core.output` so that whatever reads a file (the data
file's reader, the results readers, the check engine for its workers) can
record it without importing where output goes.
"""

from __future__ import annotations

# (device, inode) of every data file read in this process.
_INPUTS: set[tuple[int, int]] = set()


def remember_input(device: int, inode: int) -> None:
    """Record a file that was read as data, so that no output replaces it."""
    _INPUTS.add((device, inode))


def is_input(device: int, inode: int) -> bool:
    """Whether the file (device, inode) was read as data in this process."""
    return (device, inode) in _INPUTS

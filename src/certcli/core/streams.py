"""Standard streams that a process may start without (`>&-`, `2>&-`).

Kept apart from `certcli.core.output` so that the command line can set them up
first thing without importing anything else.
"""

from __future__ import annotations

import os
import sys

# True when the process started with standard output closed: output that
# would go there is refused instead (see `certcli.core.output.emit`).
stdout_closed = False


def hold_standard_streams() -> None:
    """Give a closed stdin, stdout or stderr a placeholder (/dev/null).

    A process started with `>&-` or `2>&-` would otherwise hand the first file
    it opens the number 1 or 2, and text meant for the terminal would land in
    it. Messages to a closed stderr are dropped; output to a closed stdout is
    refused with "cannot write: standard output is closed".
    """
    global stdout_closed
    for number, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(number)
        except OSError:
            placeholder = os.open(os.devnull, os.O_RDWR)
            if placeholder != number:  # pragma: no cover - lower numbers are open
                os.dup2(placeholder, number)
                os.close(placeholder)
            if number == 1:
                stdout_closed = True
            if getattr(sys, name) is None:
                mode = "r" if number == 0 else "w"
                setattr(sys, name, open(number, mode, closefd=False))  # noqa: SIM115

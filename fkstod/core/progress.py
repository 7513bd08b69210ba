"""Progress of long work, and the user's way to stop it.

Work that may take seconds (a directory import of 100 000 rows) takes a
``Progress``: ``progress(done, total)`` is called every so often; when it
returns False the work stops by raising ``Cancelled``, having changed nothing.
The window runs such work off its thread with a progress bar
(``fkstod.qt.background``); the command line passes nothing (``no_progress``).
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(done, total) -> go on?``
Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The user stopped the work; nothing was changed."""


def no_progress(_done: int, _total: int) -> bool:
    """Go on, and tell no one."""
    return True


__all__ = ["Cancelled", "Progress", "no_progress"]

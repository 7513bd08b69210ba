"""Keeping Python's cyclic garbage collector from holding up the window.

A collection walks every object the collector tracks and holds every thread
while it does, the window's too: with 100 000 directory entries a walk took
over 150 ms. Work that makes many long-lived objects and no cyclic garbage
(reading the directory, planning an import, writing an export) runs inside
``no_collection``; what is to live as long as the app is then moved out of the
collector's sight with ``gc.freeze`` (``IndexBuilder._done``, the loader).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["no_collection"]

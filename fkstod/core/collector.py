"""Keeping work on another thread from holding up the window.

Another thread gets its turn only between steps of Python code: one long call
into C (a sort, freeing a million objects, a collection) holds the window for
as long as it runs. ``sorted_in_turns`` and ``free_in_turns`` do a sort and the
freeing in short calls.

The cyclic garbage collector: a collection walks every object the collector
tracks and holds every thread while it does, the window's too: with 100 000
directory entries a walk took over 150 ms. Work that makes many long-lived
objects and no cyclic garbage (reading the directory, building its index,
planning an import, writing an export) runs inside ``no_collection``; what is to
live as long as the app is moved out of the collector's sight as the block ends
(``keep=True``: the loader, ``IndexBuilder.step``, ``plan_import``).
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

#: How many items one call into C sorts (some 3 ms for 4 096 entries by id).
SORT_PIECE = 4096


@contextmanager
def no_collection(keep: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off (reference counting still frees).

    ``keep=True``: what the block made is to live on (an import's plan, the loaded
    entries) and is moved out of the collector's sight (``gc.freeze``) *before* the
    collector is on again. Frozen after, the first allocation in between set off a
    collection of everything made meanwhile: 160 ms in a worker at 100 000 entries,
    the window held up all that time. Without ``keep``, free what the block made
    inside it (``free_in_turns``) for the same reason.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


def sorted_in_turns(items: list[T], key: Callable[[T], Any], piece: int = SORT_PIECE) -> list[T]:
    """Return ``items`` sorted by ``key`` (stable, as ``sorted``), letting other threads in.

    ``sorted`` of 100 000 entries held the window ~100 ms in one call. Here pieces
    of ``piece`` items are sorted in C, a few ms each, and merged by ``heapq.merge``,
    which runs Python between items; items of equal keys keep their order.
    """
    if len(items) <= piece:
        return sorted(items, key=key)
    runs = [sorted(items[at : at + piece], key=key) for at in range(0, len(items), piece)]
    return list(heapq.merge(*runs, key=key))


def free_in_turns(attributes: MutableMapping[str, Any]) -> None:
    """Empty ``attributes`` (an object's ``vars``) one entry of each mapping at a time.

    Clearing a mapping of a million objects frees them all in one call (~100 ms
    for an export's cells): each of its entries freed on its own lets other
    threads in between. For objects that are never used again.
    """
    for name in list(attributes):
        value = attributes.pop(name)
        if isinstance(value, dict):
            while value:
                value.popitem()
        del value


__all__ = ["free_in_turns", "no_collection", "sorted_in_turns"]

"""Whether an entry can be reached now: the one rule behind "öppet nu" and its siblings."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import Enum

from fkstod.core.directory.hours import parse_hours
from fkstod.core.directory.model import Entry

#: Needs that only the municipality's own office meets: without a kommun a list
#: would hold national lines only, so a search for one asks for the kommun first.
LOCAL_NEEDS = frozenset({"socialtjanst"})


def needs_kommun(category: str) -> bool:
    """Return True when a search for ``category`` means nothing without a kommun."""
    return category in LOCAL_NEEDS


class OpenState(Enum):
    """What can be said about an entry's opening hours at a moment."""

    AROUND_THE_CLOCK = "dygnet_runt"
    UNKNOWN = "okant"  # no hours recorded
    VARIES = "varierar"  # hours given as text that cannot be read ("varierar – se webbplats")
    OPEN = "oppet"
    CLOSED = "stangt"
    # Hours recorded, but the entry is not verified or was verified over 12 months
    # ago: the hours are shown as recorded, with no claim that it is open or closed.
    UNCHECKED = "ej_kontrollerat"


def open_state(entry: Entry, open_ids: Collection[str], today: date | None = None) -> OpenState:
    """Return the state of ``entry``, given the ids a search found open at its moment.

    Hours that cannot be read are never "closed": open or closed cannot be told.
    An entry flagged out of date (never verified, or not for 12 months, on
    ``today``) makes no claim either: its hours may have changed, a pilot may
    have ended.
    """
    from fkstod.core.directory.service import Directory  # the one rule of "out of date"

    state = _hours_state(entry, open_ids)
    claims = (OpenState.AROUND_THE_CLOCK, OpenState.OPEN, OpenState.CLOSED)
    if state in claims and Directory.is_stale(entry, today):
        return OpenState.UNCHECKED
    return state


def _hours_state(entry: Entry, open_ids: Collection[str]) -> OpenState:
    if entry.telefontider == "dygnet runt":
        return OpenState.AROUND_THE_CLOCK
    if not entry.telefontider:
        return OpenState.UNKNOWN
    if not parse_hours(entry.telefontider).known:
        return OpenState.VARIES
    return OpenState.OPEN if entry.id in open_ids else OpenState.CLOSED

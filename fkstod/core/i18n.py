"""Marks user-visible text for translation.

The source language is Swedish. ``_`` looks strings up in one catalogue loaded
once (``resources/i18n/<lang>/LC_MESSAGES/fkstod.mo`` when there is one), so a
translation can be added without touching the call sites. The stdlib's
module-level ``gettext.gettext`` would search the disk for catalogues on every
call: 60 µs a string, tens of milliseconds when the flows are checked at start.
With no catalogue installed (as shipped: the text is Swedish), ``_`` returns the
text as it is and gettext is not loaded at all (its search for the user's
language imports ``locale``, a millisecond of every start).
"""

from __future__ import annotations

from collections.abc import Callable

from fkstod import paths


def _source_text(message: str) -> str:
    return message


def _translator() -> Callable[[str], str]:
    folder = paths.resource("i18n")
    if not any(folder.glob("*/LC_MESSAGES/fkstod.mo")):
        return _source_text
    import gettext

    return gettext.translation("fkstod", localedir=folder, fallback=True).gettext


_ = _translator()

__all__ = ["_"]

"""bad_character's quick search never lets through a character its full rule refuses."""

from __future__ import annotations

import sys
import unicodedata

from fkstod.core import textrules


def _refused(ch: str) -> bool:
    # The rule as bad_character states it, character by character.
    return (
        ch in textrules.BIDI_CONTROLS
        or ch in "\u2028\u2029"
        or (ch not in "\n\t" and unicodedata.category(ch) == "Cc")
    )


def test_every_refused_character_is_a_suspect_for_the_quick_search() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if _refused(ch):
            assert textrules._SUSPECT.search(ch), hex(code)
            assert textrules.bad_character(f"ok {ch} ok") is not None, hex(code)


def test_clean_text_and_windows_line_breaks_pass() -> None:
    assert textrules.bad_character("Kvinnojour i Malmö\r\nÖppet\tdygnet runt") is None
    assert textrules.bad_character("ensam \r radbrytning") is not None
    assert textrules.bad_character("namn \u202e vänt") is not None

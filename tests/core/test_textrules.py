"""bad_character's quick search never lets through a character its full rule refuses."""

from __future__ import annotations

import sys
import unicodedata

from fkstod.core import textrules


def _refused(ch: str) -> bool:
    # The rule as bad_character states it, character by character.
    return (
        unicodedata.category(ch) == "Cs"  # half of a pair, alone: not a character
        or ch in textrules.BIDI_CONTROLS
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


def test_a_lone_surrogate_is_refused_by_its_code() -> None:
    # Only JSON can carry one ("\\ud800"): it cannot be written as UTF-8, so a field
    # holding one is named here, not the output file when the write fails.
    for code in (0xD800, 0xDBFF, 0xDC00, 0xDFFF):
        why = textrules.bad_character(f"Saga {chr(code)} Exempelsson")
        assert why is not None and f"U+{code:04X}" in why
    assert textrules.bad_character("Saga 😀 Exempelsson") is None  # a pair is a character

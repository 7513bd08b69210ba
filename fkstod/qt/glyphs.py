"""Characters that no font on this computer can draw: boxes on paper and in a PDF.

A report may hold text pasted from a chat or an e-mail (an emoji, a rare script).
Where no font has the character, Qt draws the empty box of the font's missing
glyph, and the reader of the PDF or the printout cannot tell what stood there.
``undrawable`` finds such characters the way the painter will meet them (a text
layout with Qt's own font fallback, glyph 0 being the missing glyph), so that the
page can say so before anything is saved, and ``drawable`` puts a visible mark in
their place in what is painted.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtGui import QFont, QTextLayout

#: What stands, in a PDF or a printout, for a character no font can draw.
REPLACEMENT = "\ufffd"
_FALLBACK = "?"

_BEYOND_LATIN = re.compile("[^\x00-\u024f]")
_UNSEEN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_known: dict[tuple[str, str], bool] = {}


def _missing(ch: str, font: QFont) -> bool:
    key = (font.key(), ch)
    found = _known.get(key)
    if found is None:
        layout = QTextLayout(ch, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        found = any(0 in run.glyphIndexes() for run in layout.glyphRuns())
        _known[key] = found
    return found


def _checked(ch: str) -> bool:
    # Letters of the Latin alphabets are in every font; marks that join or shape
    # the character before them (accents, emoji modifiers' joiners, variation
    # selectors) have no glyph of their own to lack, nor have controls and spaces.
    category = unicodedata.category(ch)
    return category[0] != "M" and category not in _UNSEEN


def undrawable(text: str, font: QFont) -> str:
    """Return the characters of ``text`` that no font can draw, each once, in order."""
    if text.isascii():
        return ""
    # The preview asks on every change: the scan is one regular-expression pass in C
    # (a report of 100 000 letters took 9 ms a character at a time in Python).
    beyond = dict.fromkeys(_BEYOND_LATIN.findall(text))
    return "".join(ch for ch in beyond if _checked(ch) and _missing(ch, font))


def drawable(text: str, font: QFont) -> str:
    """Return ``text`` with each character no font can draw replaced by a visible mark.

    The mark is U+FFFD (a question mark in a diamond), or "?" where no font has that.
    """
    missing = undrawable(text, font)
    if not missing:
        return text
    mark = _FALLBACK if _missing(REPLACEMENT, font) else REPLACEMENT
    return text.translate({ord(ch): mark for ch in missing})

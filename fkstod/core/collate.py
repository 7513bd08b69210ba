"""Swedish alphabetical order: a … z, then å, ä, ö (as in SAOL and the telephone book).

Python's own order puts Ä (196) before Å (197), and folding for search (å → a) puts
"Äldre" before "Anhöriga": neither is the order a Swedish reader looks things up in.
"""

from __future__ import annotations

# After z in ASCII: { | } keep å, ä, ö last and in their order. Æ and Ø sort as Ä and Ö
# (Danish and Norwegian names in a Swedish list); other accents go with their letter.
_LAST = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})
_ACCENTS = str.maketrans("éèêëáàâüúùíìóòç", "eeeeaaayuuiiooc")


def swedish_key(text: str) -> str:
    """Return a key that sorts ``text`` in Swedish alphabetical order, case aside."""
    return text.casefold().translate(_LAST).translate(_ACCENTS)

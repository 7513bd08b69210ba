"""Rules for text that comes from files or people: characters, e-mail and web addresses.

Shared by the directory (import and editor) and the report of concern, so that
the same text is accepted or refused the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from fkstod.core.i18n import _

#: Characters that reorder or hide text: a name could be shown reversed, or a
#: number could read differently from what is stored (Trojan Source, CVE-2021-42574).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ALLOWED_CONTROLS = frozenset("\n\t")
#: Every character ``bad_character`` may refuse (and \r, allowed only before \n):
#: text without any of them is clean, found with one regular-expression search.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)

_EMAIL = re.compile(r"^[^@\s<>\"'`,;:()\[\]\\]+@[^@\s<>\"'`,;:()\[\]\\]+\.[^\W\d_]{2,}$")
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\.?$")
_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\^{}|]")


#: The two that show text reversed (U+202D, U+202E): refused even when typed, since
#: taking them out would store something other than what the screen showed.
BIDI_OVERRIDES = frozenset("\u202d\u202e")
_BIDI_TABLE = {ord(c): None for c in BIDI_CONTROLS - BIDI_OVERRIDES}


def without_invisible_marks(text: str) -> str:
    """Return ``text`` without the invisible direction marks (``BIDI_CONTROLS``).

    For text typed or pasted into a form: mail and chat programs put such marks
    (U+200E, U+202A … U+202C, U+2066 … U+2069) around phone numbers and names,
    where the caseworker cannot see them to take them out; taken out, the text
    reads as it did. The overrides that show text reversed stay, and are refused
    (``bad_character``), as is every mark in a file (an import, a report's INPUT.json).
    """
    if _SUSPECT.search(text) is None:
        return text
    return text.translate(_BIDI_TABLE)


def bad_character(text: str) -> str | None:
    """Return why ``text`` holds a character that must not be stored, or None.

    Control characters (other than line breaks and tabs), the invisible marks
    that turn text around, and half a surrogate pair (JSON's ``"\\ud800"``, which
    no file can hold as UTF-8) are refused; a Windows line break is fine.
    """
    if _SUSPECT.search(text) is None:  # the usual case, and import checks every cell
        return None
    for ch in text.replace("\r\n", "\n"):
        if ch in BIDI_CONTROLS:
            return _(
                "innehåller ett osynligt tecken som vänder texten (U+{c:04X}); skriv om texten"
            ).format(c=ord(ch))
        if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc":
            return _("innehåller ett kontrolltecken (U+{c:04X}); ta bort det").format(c=ord(ch))
        if "\ud800" <= ch <= "\udfff":
            return _("innehåller ett ogiltigt tecken (U+{c:04X}); ta bort det").format(c=ord(ch))
        if ch in "\u2028\u2029":
            return _("innehåller en osynlig radbrytning (U+{c:04X}); ta bort den").format(c=ord(ch))
    return None


def line_break(text: str) -> str | None:
    """Return why ``text`` cannot stand in a one-line field (a name, a number), or None.

    A line break there splits the line it is printed on: "Namn: Saga" and a line
    "Exempelsson" under it, a phone number read out in two halves.
    """
    if "\n" in text or "\r" in text:
        return _("innehåller en radbrytning; skriv allt på en rad")
    return None


def on_one_line(text: str) -> str:
    """Return ``text`` with each line break, and the spaces around it, as one space.

    For a one-line field typed or pasted in the window: a line edit keeps a pasted
    line break but shows it as a space, so the text is stored as the screen showed it.
    """
    if "\n" not in text and "\r" not in text:
        return text
    return re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " ", text)


def check_email(address: str) -> str | None:
    """Return why ``address`` is not a plain e-mail address, or None when it is.

    One ``@``, a domain with a dot, and no markup: no ``<``, ``>``, quotes or spaces
    (``"Namn" <a@b.se>`` is how a mail program writes it, not an address).
    """
    if _EMAIL.match(address):
        return None
    return _("”{e}” är ingen e-postadress (skriv till exempel namn@exempel.se)").format(e=address)


def check_url(url: str) -> str | None:
    """Return why ``url`` is not an http or https web address, or None when it is.

    A missing scheme means https (``bris.se``). Never raises: ``urlsplit`` refuses
    some text with a ValueError (``http://[x``), which is a bad address like any other.
    """
    refused = _("”{u}” är ingen webbadress (till exempel https://exempel.se)").format(u=url)
    if not url or _URL_FORBIDDEN.search(url) or bad_character(url):
        return refused
    # "exempel.se:8080" is a host and a port; "javascript:" and "mailto:" are schemes.
    has_scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)", url) is not None
    if has_scheme and not re.match(r"^https?://", url, flags=re.IGNORECASE):
        return refused  # javascript:, mailto:, file:, ftp: …
    try:
        parts = urlsplit(url if has_scheme else f"https://{url}")
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return refused
    if "@" in parts.netloc or not _HOST.match(host):
        return refused
    return None

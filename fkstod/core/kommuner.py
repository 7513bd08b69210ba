"""The 290 Swedish municipalities with their official codes and counties."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from fkstod import paths
from fkstod.core import files
from fkstod.core.i18n import _


@dataclass(frozen=True)
class Kommun:
    """A municipality: four-digit code, name, two-digit county code and county name."""

    kod: str
    namn: str
    lanskod: str
    lan: str


@cache
def kommuner() -> tuple[Kommun, ...]:
    """Return every municipality, in the order of the shipped file (by code)."""
    # Through the one reader, as lint reads it: a BOM would hide the first column's name.
    text = files.read_text(paths.resource("kommuner.csv"), 1024 * 1024)
    return tuple(
        Kommun(row["kommunkod"], row["kommun"], row["lanskod"], row["lan"])
        for row in csv.DictReader(io.StringIO(text, newline=""))
    )


@cache
def by_code() -> dict[str, Kommun]:
    """Return the municipalities keyed by their four-digit code."""
    return {k.kod: k for k in kommuner()}


def fold(text: str) -> str:
    """Return ``text`` for comparison: lower case, å/ä/ö as a/a/o, a hyphen as a space.

    "Malmo" finds Malmö, "upplands vasby" Upplands Väsby, "upplands bro" Upplands-Bro.
    """
    return " ".join(text.casefold().translate(_FOLD).split())


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "-": " "})
#: What follows a name in a picker or a coordinator's sheet: "Uppsala (0380)", "Uppsala kommun".
_CODE_SUFFIX = re.compile(r"\s*\((\d{3,4})\)\s*$")
_KOMMUN_WORD = re.compile(r"\s+(kommun|stad)$")


def _without_kommun_word(low: str) -> str:
    """Return ``low`` (case-folded) without a trailing "kommun" or "stad", as a name.

    Most kommuner call themselves by the genitive ("Linköpings kommun", "Stockholms
    stad"): its s goes too, unless the name itself ends in s ("Borås stad"). No
    kommun's name is another's with an s added, so that reads as one kommun.
    """
    name = _KOMMUN_WORD.sub("", low)
    if name == low or not name:
        return low
    if (
        len(name) > 1
        and name.endswith("s")
        and not any(fold(k.namn) == fold(name) for k in kommuner())
    ):
        return name[:-1]
    return name


def search(text: str) -> list[Kommun]:
    """Return the municipalities that ``text`` may mean, the most likely first.

    A code or the start of one ("038"; "380" is 0380, as Excel writes it), the
    name as written (å, ä and ö decide: "Håbo" before Habo), the name without
    them, the start of the name, the start of a later word of the name
    ("väsby"), then anywhere in the name; case, and a trailing "kommun" or
    "stad" (with the genitive s: "Linköpings kommun"), do not matter. Ties keep
    alphabetical order. What ``lookup`` reads as one kommun comes first.
    """
    low = " ".join(text.casefold().split())
    if match := _CODE_SUFFIX.search(low):
        low = match.group(1)
    low = _without_kommun_word(low)
    wanted = fold(low)
    if not wanted:
        return []
    ranked: list[tuple[int, str, Kommun]] = []
    for k in kommuner():
        name = fold(k.namn)
        if wanted.isdigit():
            rank = 0 if k.kod == wanted.zfill(4) else 1 if k.kod.startswith(wanted) else -1
        elif k.namn.casefold() == low:
            rank = 0
        elif name == wanted:
            rank = 1
        elif name.startswith(wanted):
            rank = 2
        elif any(word.startswith(wanted) for word in name.split()[1:]):
            rank = 3
        elif wanted in name:
            rank = 4
        else:
            rank = -1
        if rank >= 0:
            ranked.append((rank, k.namn, k))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [k for _rank, _name, k in ranked]


class KommunNotFound(ValueError):
    """A name or code that is no municipality, or names more than one; the message is Swedish."""


def lookup(text: str) -> Kommun:
    """Return the municipality a coordinator wrote: a code or a whole name.

    "0380", "380", "Uppsala", "uppsala", "Uppsala kommun" and "Uppsala (0380)"
    all give Uppsala; "Malmo" gives Malmö, "Linköpings kommun" Linköping. A name that is the same as two
    others' without å, ä and ö ("Habo" and "Håbo") is ambiguous unless it has å, ä or ö:
    "Håbo" is Håbo, but "Habo" may be Håbo typed without å, so it asks for the code.

    Raises:
        KommunNotFound: the text names no municipality, or more than one.
    """
    cleaned = " ".join(text.split())
    if match := _CODE_SUFFIX.search(cleaned):
        cleaned = match.group(1)
    if cleaned.isdigit():
        found = by_code().get(cleaned.zfill(4))  # Excel drops the leading zero of 0114
        if found is None:
            raise KommunNotFound(
                _("okänd kommunkod ”{k}” (fyra siffror, till exempel 1280)").format(k=text.strip())
            )
        return found
    name = _without_kommun_word(cleaned.casefold())
    folded = [k for k in kommuner() if fold(k.namn) == fold(name)]
    exact = [k for k in folded if k.namn.casefold() == name]
    if len(folded) == 1:
        return folded[0]
    # "Habo" is Habo or Håbo typed without å: only a name written with å, ä or ö decides.
    if len(exact) == 1 and fold(name) != name:
        return exact[0]
    if len(folded) > 1:
        raise KommunNotFound(
            _("”{k}” kan vara {a}; skriv kommunkoden").format(
                k=text.strip(),
                a=_(" eller ").join(f"{k.namn} ({k.kod})" for k in folded),
            )
        )
    near = search(name)[:3]
    hint = (
        _("; menar du {a}?").format(a=_(" eller ").join(f"{k.namn} ({k.kod})" for k in near))
        if near
        else ""
    )
    raise KommunNotFound(
        _(
            "ingen kommun heter ”{k}” (skriv namnet eller koden, till exempel Uppsala eller 0380)"
        ).format(k=text.strip())
        + hint
    )

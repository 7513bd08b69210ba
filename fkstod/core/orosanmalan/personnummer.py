"""Check a Swedish personnummer (or samordningsnummer), or accept a birth date alone.

A report of concern may name a child whose full number the reporter does not
know; a birth date is then enough for social services to find the child.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fkstod.core.i18n import _

# re.ASCII: ``\d`` would otherwise match Arabic-Indic and other digits, which int()
# reads as numbers too; a personnummer is written with 0–9 only.
_FULL = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$", re.ASCII)
_DATE_ONLY = re.compile(r"^(\d{2})?(\d{2})-?(\d{2})-?(\d{2})$", re.ASCII)


class PersonnummerError(ValueError):
    """A personnummer or birth date that cannot be right; the message is Swedish."""


@dataclass(frozen=True)
class Identity:
    """A checked identity: the normalised text and the birth date it gives."""

    text: str
    birth_date: date
    full: bool


def luhn_ok(digits: str) -> bool:
    """Return True when the ten digits ``YYMMDDNNNC`` carry a correct control digit."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 - i % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _century(yy: int, month: int, day: int, today: date, plus: bool) -> int:
    # Without a century, take the latest one that does not put the birth in the
    # future; "+" marks someone aged 100 or more, as in the population register.
    year = today.year - today.year % 100 + yy
    try:
        if date(year, month, day) > today:
            year -= 100
    except ValueError:
        if year > today.year:
            year -= 100
    return year - 100 if plus else year


def _birth_date(year: int, month: int, day: int) -> date:
    # A samordningsnummer adds 60 to the day of birth.
    if day > 60:
        day -= 60
    try:
        return date(year, month, day)
    except ValueError:
        raise PersonnummerError(_("datumet finns inte")) from None


def check_personnummer(value: str, today: date | None = None) -> Identity:
    """Check ``value`` as a personnummer, samordningsnummer or birth date.

    Returns:
        The identity, normalised to ``ÅÅÅÅMMDD-NNNN`` or ``ÅÅÅÅ-MM-DD``.

    Raises:
        PersonnummerError: with a Swedish message saying what is wrong.
    """
    today = today or date.today()
    text = value.strip().replace(" ", "")
    if not text:
        raise PersonnummerError(_("personnummer eller födelsedatum saknas"))
    full = _FULL.match(text)
    if full and (full.group(5) or len(text) in (10, 12)):
        cc, yy, mm, dd, sep, tail = full.groups()
        if cc:
            year = int(cc + yy)
        else:
            year = _century(int(yy), int(mm), int(dd) % 60 or 1, today, sep == "+")
        born = _birth_date(year, int(mm), int(dd))
        if not luhn_ok(yy + mm + dd + tail):
            raise PersonnummerError(_("kontrollsiffran stämmer inte, kontrollera numret"))
        if born > today:
            raise PersonnummerError(_("födelsedatumet ligger i framtiden"))
        return Identity(f"{year:04d}{mm}{dd}-{tail}", born, True)
    only = _DATE_ONLY.match(text)
    if only:
        cc, yy, mm, dd = only.groups()
        if int(dd) > 31:
            raise PersonnummerError(_("datumet finns inte"))
        year = int(cc + yy) if cc else _century(int(yy), int(mm), int(dd), today, False)
        born = _birth_date(year, int(mm), int(dd))
        if born > today:
            raise PersonnummerError(_("födelsedatumet ligger i framtiden"))
        return Identity(born.isoformat(), born, False)
    raise PersonnummerError(_("skriv som ÅÅÅÅMMDD-NNNN, eller bara födelsedatum som ÅÅÅÅ-MM-DD"))


def age_on(born: date, day: date) -> int:
    """Return the age in whole years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

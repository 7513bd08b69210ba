"""Opening hours as coordinators write them, and whether a service is open now.

Grammar (case-insensitive, en dash or hyphen)::

    dygnet runt
    mån-fre 8-16, lör 10-14
    vardagar 9-12 13-16, helger 10-14
    fre 20-02            (closes after midnight)
    varierar – se webbplats   (known to change: read them on the service's site)

Days: mån tis ons tor fre lör sön, ranges of them, ``vardagar``, ``helger``,
``alla dagar``. Times: ``H``, ``HH`` or ``HH:MM``; 24 is midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from fkstod.core.i18n import _

DAYS = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
AROUND_THE_CLOCK = "dygnet runt"
#: Hours that change too often to ship: the caseworker reads them on the site.
VARIES = "varierar – se webbplats"
_DAY_ALIASES = {
    "vardagar": (0, 1, 2, 3, 4),
    "helger": (5, 6),
    "alla dagar": tuple(range(7)),
}
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_RANGE = re.compile(rf"^{_TIME}\s*[-–]\s*{_TIME}$")


class HoursError(ValueError):
    """Opening hours that do not follow the grammar; the message says why in Swedish."""


@dataclass(frozen=True)
class Hours:
    """Parsed opening hours: per weekday (0 = Monday) a tuple of (start, end) minutes."""

    around_the_clock: bool
    days: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def known(self) -> bool:
        """Return True when there is anything to go by."""
        return self.around_the_clock or any(self.days)

    def is_open(self, when: datetime) -> bool:
        """Return True when open at ``when`` (local time)."""
        if self.around_the_clock:
            return True
        day, minute = when.weekday(), when.hour * 60 + when.minute
        if any(start <= minute < end for start, end in self.days[day] if end > start):
            return True
        # A span that ends after midnight started on the day before.
        yesterday = self.days[(day - 1) % 7]
        return any(end <= start and minute < end for start, end in yesterday) or any(
            end <= start and minute >= start for start, end in self.days[day]
        )


UNKNOWN = Hours(False, ((),) * 7)
ALWAYS = Hours(True, ((),) * 7)


def _days(text: str) -> tuple[int, ...]:
    if text in _DAY_ALIASES:
        return _DAY_ALIASES[text]
    out: list[int] = []
    for part in text.split("+"):
        bounds = [b.strip() for b in re.split(r"[-–]", part)]
        if not all(b in DAYS for b in bounds) or len(bounds) > 2:
            raise HoursError(
                _(
                    "okänd dag ”{d}” (skriv mån, tis, ons, tor, fre, lör, sön eller vardagar)"
                ).format(d=part.strip())
            )
        first, last = DAYS.index(bounds[0]), DAYS.index(bounds[-1])
        out.extend(
            range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        )
    return tuple(out)


def _minutes(hour: str, minute: str | None) -> int:
    h, m = int(hour), int(minute or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise HoursError(_("ogiltig tid {h}:{m:02d}").format(h=h, m=m))
    return h * 60 + m


@lru_cache(maxsize=1024)
def parse_hours(text: str) -> Hours:
    """Parse opening hours; empty text means unknown.

    Raises:
        HoursError: when the text does not follow the grammar.
    """
    text = " ".join(text.strip().lower().split())
    if not text:
        return UNKNOWN
    if text in (AROUND_THE_CLOCK, "dygnet runt, alla dagar", "alltid öppet", "24/7"):
        return ALWAYS
    if text.replace("-", "–") == VARIES:
        return UNKNOWN
    days: list[list[tuple[int, int]]] = [[] for _day in range(7)]
    for part in text.split(","):
        part = part.strip()
        match = re.match(r"^(alla dagar|[a-zåäö+\-–]+)\s+(.+)$", part)
        if not match:
            raise HoursError(
                _("”{p}” saknar dagar eller tider (till exempel mån-fre 8-16)").format(p=part)
            )
        day_numbers = _days(match.group(1))
        for span in match.group(2).split():
            times = _RANGE.match(span)
            if not times:
                raise HoursError(
                    _("”{s}” är ingen tid (skriv till exempel 8-16 eller 08:30-16)").format(s=span)
                )
            start = _minutes(times.group(1), times.group(2))
            end = _minutes(times.group(3), times.group(4))
            if start == end:
                raise HoursError(_("”{s}” börjar och slutar samtidigt").format(s=span))
            for day in day_numbers:
                days[day].append((start, end))
    return Hours(False, tuple(tuple(sorted(d)) for d in days))

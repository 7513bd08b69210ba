"""The organisational units an export may name, and the disclosure threshold.

Both come from ``[statistik]`` in ``resources/config.toml``: the coordinators ship
the list, a caseworker picks from it, and nothing is ever typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fkstod.core.i18n import _

#: A unit code: ASCII, lower case, digits and ``_``; it never changes once shipped.
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: The default threshold: counts 1-4 are suppressed.
DEFAULT_THRESHOLD = 5
_SOURCE = "config.toml: [statistik]"


class UnitsProblem(ValueError):
    """``[statistik]`` in config.toml is wrong; ``str()`` says where, in Swedish."""


@dataclass(frozen=True)
class Unit:
    """An organisational unit: its stable code and the name shown."""

    code: str
    name: str


def parse_units(section: Mapping[str, Any]) -> tuple[Unit, ...]:
    """Return the units of a ``[statistik]`` section, in the order listed.

    Raises:
        UnitsProblem: a unit without a valid code or a name, or a code twice.
    """
    raw = section.get("enheter", [])
    if not isinstance(raw, list):
        raise UnitsProblem(_("{src} enheter: ska vara en lista").format(src=_SOURCE))
    units: list[Unit] = []
    for i, item in enumerate(raw):
        where = f"{_SOURCE} enheter[{i}]"
        if not isinstance(item, dict) or set(item) != {"kod", "namn"}:
            raise UnitsProblem(
                _("{where}: en enhet har precis nycklarna kod och namn").format(where=where)
            )
        code, name = item["kod"], item["namn"]
        if not isinstance(code, str) or not CODE.match(code):
            raise UnitsProblem(
                _(
                    "{where}: koden {code!r} ska vara små bokstäver a-z, siffror och _ "
                    "(högst 40 tecken)"
                ).format(where=where, code=code)
            )
        if not isinstance(name, str) or not name.strip() or len(name) > 100:
            raise UnitsProblem(_("{where}: namnet saknas eller är för långt").format(where=where))
        if any(u.code == code for u in units):
            raise UnitsProblem(
                _("{where}: koden {code} står två gånger").format(where=where, code=code)
            )
        units.append(Unit(code, name.strip()))
    return tuple(units)


def parse_threshold(section: Mapping[str, Any]) -> int:
    """Return ``troskel`` of a ``[statistik]`` section (default 5).

    Raises:
        UnitsProblem: when it is not a whole number from 2 to 100.
    """
    value = section.get("troskel", DEFAULT_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 100:
        raise UnitsProblem(
            _("{src} troskel: ska vara ett heltal från 2 till 100").format(src=_SOURCE)
        )
    return value


def shipped_units() -> tuple[Unit, ...]:
    """Return the units listed in the shipped ``resources/config.toml``."""
    from fkstod.core.config import config

    return parse_units(config().get("statistik", {}))


def shipped_threshold() -> int:
    """Return the threshold set in the shipped ``resources/config.toml``."""
    from fkstod.core.config import config

    return parse_threshold(config().get("statistik", {}))


def unit_by_code(units: Sequence[Unit], code: str) -> Unit | None:
    """Return the unit with ``code``, or None."""
    return next((u for u in units if u.code == code), None)

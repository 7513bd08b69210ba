"""The 290 Swedish municipalities with their official codes and counties."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from fkstod import paths
from fkstod.core import files


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

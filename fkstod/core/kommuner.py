"""The 290 Swedish municipalities with their official codes and counties."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from fkstod import paths


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
    with paths.resource("kommuner.csv").open(encoding="utf-8", newline="") as f:
        return tuple(
            Kommun(row["kommunkod"], row["kommun"], row["lanskod"], row["lan"])
            for row in csv.DictReader(f)
        )


@cache
def by_code() -> dict[str, Kommun]:
    """Return the municipalities keyed by their four-digit code."""
    return {k.kod: k for k in kommuner()}

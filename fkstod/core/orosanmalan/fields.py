"""Field paths: how a problem names the field it is about (``barn[1].namn``, ``anmalare.epost``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHILD = re.compile(r"^barn\[(\d+)\]\.(.+)$")
REPORTER_PREFIX = "anmalare."


@dataclass(frozen=True)
class FieldPath:
    """A parsed field path.

    Attributes:
        child: the index of the child (0 for the first), or None outside a child.
        reporter: True for the caseworker's own details (``anmalare.…``).
        name: the field within its part, e.g. ``namn``, or the whole path for the rest.
    """

    child: int | None
    reporter: bool
    name: str


def child_field(index: int, name: str) -> str:
    """Return the path of a child's field: ``child_field(1, "namn") == "barn[1].namn"``."""
    return f"barn[{index}].{name}"


def parse_field(path: str) -> FieldPath:
    """Return what ``path`` names: a child's field, the reporter's, or one of the form's."""
    match = _CHILD.match(path)
    if match:
        return FieldPath(int(match.group(1)), False, match.group(2))
    if path.startswith(REPORTER_PREFIX):
        return FieldPath(None, True, path.removeprefix(REPORTER_PREFIX))
    return FieldPath(None, False, path)

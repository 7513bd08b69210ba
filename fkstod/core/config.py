"""Shipped configuration that changes with law and organisation, not with code.

``resources/config.toml`` holds, for example, the legal reference for the duty to
report concern about a child (it changed on 1 July 2025) and the address of the
internal expert mailbox.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from fkstod import paths


@cache
def config() -> dict[str, Any]:
    """Return the parsed ``resources/config.toml``."""
    with paths.resource("config.toml").open("rb") as f:
        return tomllib.load(f)

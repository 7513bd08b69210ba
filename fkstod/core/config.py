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
from fkstod.core import files


@cache
def config() -> dict[str, Any]:
    """Return the parsed ``resources/config.toml``."""
    # Through the one reader: an administrator's editor may have added a BOM.
    return tomllib.loads(files.read_text(paths.resource("config.toml"), 1024 * 1024))

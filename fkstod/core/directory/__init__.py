"""Support organizations: model, search, editing, import and export.

The names below are loaded on first use (PEP 562), so that importing one
submodule (the migrations, at start) does not load the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE: dict[str, str] = {
    "FileProblem": "csvfile",
    "DirectoryIndex": "index",
    "IndexBuilder": "index",
    "DirectoryLoader": "service",
    "Filters": "index",
    "SearchResult": "index",
    "fold": "index",
    "TARGET_GROUPS": "model",
    "VIOLENCE_FORMS": "model",
    "Entry": "model",
    "Changes": "service",
    "Directory": "service",
    "DirectoryError": "service",
    "ImportPlan": "service",
    "ImportProblem": "service",
    "FIELD_LABELS": "validate",
    "FIELD_NAMES": "validate",
    "FieldError": "validate",
}

__all__ = [
    "FIELD_LABELS",
    "FIELD_NAMES",
    "TARGET_GROUPS",
    "VIOLENCE_FORMS",
    "Changes",
    "Directory",
    "DirectoryError",
    "DirectoryIndex",
    "DirectoryLoader",
    "Entry",
    "FieldError",
    "FileProblem",
    "Filters",
    "ImportPlan",
    "ImportProblem",
    "IndexBuilder",
    "SearchResult",
    "fold",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


if TYPE_CHECKING:
    from fkstod.core.directory.csvfile import FileProblem
    from fkstod.core.directory.index import (
        DirectoryIndex,
        Filters,
        IndexBuilder,
        SearchResult,
        fold,
    )
    from fkstod.core.directory.model import TARGET_GROUPS, VIOLENCE_FORMS, Entry
    from fkstod.core.directory.service import (
        Changes,
        Directory,
        DirectoryError,
        DirectoryLoader,
        ImportPlan,
        ImportProblem,
    )
    from fkstod.core.directory.validate import FIELD_LABELS, FIELD_NAMES, FieldError

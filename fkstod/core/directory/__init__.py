"""Support organizations: model, search, editing, import and export."""

from fkstod.core.directory.csvfile import FileProblem
from fkstod.core.directory.index import DirectoryIndex, Filters, SearchResult, fold
from fkstod.core.directory.model import TARGET_GROUPS, VIOLENCE_FORMS, Entry
from fkstod.core.directory.service import (
    Changes,
    Directory,
    DirectoryError,
    ImportPlan,
    ImportProblem,
    migrations,
)
from fkstod.core.directory.validate import FIELD_LABELS, FIELD_NAMES, FieldError

__all__ = [
    "FIELD_LABELS",
    "FIELD_NAMES",
    "TARGET_GROUPS",
    "VIOLENCE_FORMS",
    "Changes",
    "Directory",
    "DirectoryError",
    "DirectoryIndex",
    "Entry",
    "FieldError",
    "FileProblem",
    "Filters",
    "ImportPlan",
    "ImportProblem",
    "SearchResult",
    "fold",
    "migrations",
]

"""The caseworker's exports from this computer's database, as one service for the window.

The window never holds the database: the Statistik section is given a
``LocalExports`` and asks it to build, write and list exports. ``export`` is
imported when first used, not on the window's start path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fkstod.core.files import Protected
    from fkstod.core.flows import FlowLibrary
    from fkstod.core.store import Db


class LocalExports:
    """Build and write exports of ``db``'s counts; remember the months that went out."""

    def __init__(self, db: Db, library: FlowLibrary) -> None:
        self._db = db
        self._library = library

    def build(self, months: Sequence[str] | None, unit: str | None) -> dict[str, Any]:
        """Return the export document (see ``export.build_export``); nothing is written."""
        from fkstod.core.usage import export
        from fkstod.core.usage.versions import export_settings

        return export.build_export(self._db, months, unit, **export_settings(self._library))

    def write(self, path: Path, document: Mapping[str, Any], protected: Protected) -> Path:
        """Write ``document`` and mark its months exported (see ``export.write_export``)."""
        from fkstod.core.usage import export

        return export.write_export(path, document, self._db, protected)

    def exported_months(self) -> dict[str, int]:
        """Return each month already exported and how many times."""
        from fkstod.core.usage import export

        return export.exported_months(self._db)

    def months_sent_running(self) -> frozenset[str]:
        """Return the months whose last export does not hold all their counts."""
        from fkstod.core.usage import export

        return export.months_sent_running(self._db)

    def month_ids(self) -> dict[str, str]:
        """Return the id each exported month went out with (exports of format version 2 on)."""
        from fkstod.core.usage import export

        return export.month_ids(self._db)

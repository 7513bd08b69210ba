"""Every migration set of the database, in the order they are applied."""

from __future__ import annotations

from fkstod.core import settings
from fkstod.core.directory import migrations as directory
from fkstod.core.migrate import MigrationSet
from fkstod.core.usage import recorder

MIGRATION_SETS: tuple[MigrationSet, ...] = (
    settings.migrations,
    recorder.migrations,
    directory.migrations,
)

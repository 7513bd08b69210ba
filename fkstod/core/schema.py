"""Every migration set of the database, in the order they are applied."""

from __future__ import annotations

from sqlite_utils.migrations import Migrations

from fkstod.core import settings
from fkstod.core.directory import service as directory
from fkstod.core.usage import recorder

MIGRATION_SETS: tuple[Migrations, ...] = (
    settings.migrations,
    recorder.migrations,
    directory.migrations,
)

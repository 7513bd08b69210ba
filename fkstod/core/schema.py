"""Every migration set of the database, in the order they are applied."""

from __future__ import annotations

from fkstod.core import settings
from fkstod.core.directory import migrations as directory
from fkstod.core.directory.model import LIST_FIELDS
from fkstod.core.migrate import MigrationSet
from fkstod.core.usage import recorder

# What the migrations create and the code reads back: a table that is missing,
# or a JSON column that does not hold this JSON, sends the file to quarantine
# at open instead of failing as a traceback when it is read. Settings' values
# are JSON too, but a bad one reads as its default and is not a reason to move
# the database away. tests/core/test_store_states.py checks this against the
# migrations.
settings.migrations.declare_table(settings.TABLE)
recorder.migrations.declare_table(recorder.TABLE, labels="object")
directory.migrations.declare_table(directory.TABLE, **dict.fromkeys(LIST_FIELDS, "array"))

MIGRATION_SETS: tuple[MigrationSet, ...] = (
    settings.migrations,
    recorder.migrations,
    directory.migrations,
)

"""Every migration set of the database, in the order they are applied."""

from __future__ import annotations

from dataclasses import fields

from fkstod.core import settings
from fkstod.core.directory import migrations as directory
from fkstod.core.directory.model import LIST_FIELDS, Entry
from fkstod.core.migrate import MigrationSet
from fkstod.core.usage import recorder

# What the migrations create and the code reads back: a table that is missing,
# or a JSON column that does not hold this JSON, sends the file to quarantine
# at open instead of failing as a traceback when it is read. Settings' values
# are JSON too, but a bad one reads as its default and is not a reason to move
# the database away. tests/core/test_store_states.py checks this against the
# migrations.
settings.migrations.declare_table(settings.TABLE, ("key", "value"))
recorder.migrations.declare_table(
    recorder.TABLE, ("month", "metric", "labels", "count"), labels="object"
)
recorder.migrations.declare_table(recorder.EXPORTED_TABLE, ("month", "times"))
recorder.migrations.declare_table(recorder.RUNNING_TABLE, ("month",))
recorder.migrations.declare_table(recorder.MONTH_IDS_TABLE, ("month", "id"))
# Every field of an entry is a column, but ``levererad``: shipped entries are
# never stored. (From the model, not validate.FIELD_NAMES: that module is not
# loaded at start.)
directory.migrations.declare_table(
    directory.TABLE,
    tuple(f.name for f in fields(Entry) if f.name != "levererad"),
    **dict.fromkeys(LIST_FIELDS, "array"),
)
# The entry editor's drafts: JSON too, but not declared so. A draft that cannot be
# read is removed with a notice (drafts.EntryDrafts.read), never a reason to move the
# database, with every entry and count in it, away.
directory.migrations.declare_table(
    directory.DRAFTS_TABLE, ("editor", "entry_id", "opened", "fields")
)

MIGRATION_SETS: tuple[MigrationSet, ...] = (
    settings.migrations,
    recorder.migrations,
    directory.migrations,
)

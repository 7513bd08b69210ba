"""The command line never reads, shows, exports or removes the entry editor's draft.

A draft is what a caseworker typed and did not save; ``fkstod directory …`` works on
the directory, which the draft is not part of until it is saved.
"""

from __future__ import annotations

from fkstod import paths
from fkstod.core import store
from fkstod.core.directory.drafts import DRAFT_FIELDS, Draft, EntryDrafts
from fkstod.core.schema import MIGRATION_SETS
from tests.conftest import CORE_DATA, run_cli

DRAFT = Draft(
    "",
    dict.fromkeys(DRAFT_FIELDS, ""),
    {**dict.fromkeys(DRAFT_FIELDS, ""), "organisation": "Utkastjouren", "telefon": "0701"},
)


def folder_with_a_draft(folder) -> None:
    opened = store.open_store(paths.database_path(folder), MIGRATION_SETS)
    EntryDrafts(opened.db).keep(DRAFT)
    opened.db.close()


def the_draft(folder) -> Draft | None:
    opened = store.open_store(paths.database_path(folder), MIGRATION_SETS)
    try:
        return EntryDrafts(opened.db).read()
    finally:
        opened.db.close()


def test_search_export_and_import_leave_the_draft_out_and_alone(tmp_path, data_folder):
    folder_with_a_draft(data_folder)
    found = run_cli("--data-dir", str(data_folder), "directory", "search", "Utkastjouren")
    assert found.returncode == 0 and "Utkastjouren" not in found.stdout
    out = tmp_path / "katalog.csv"
    exported = run_cli("--data-dir", str(data_folder), "directory", "export", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "Utkastjouren" not in out.read_text("utf-8-sig")
    imported = run_cli(
        "--data-dir",
        str(data_folder),
        "directory",
        "import",
        str(CORE_DATA / "directory_files" / "lokala.csv"),
        "--ja",
    )
    assert imported.returncode == 0, imported.stderr
    assert the_draft(data_folder) == DRAFT

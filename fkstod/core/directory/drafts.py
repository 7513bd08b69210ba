"""The entry editor's draft: what was typed in Ny post or Ändra and not saved yet.

While the editor is open, what is typed is kept in the database (``directory_drafts``,
one row per editor, each newer draft in the place of the last), so that a crash, a
``kill -9``, a power cut or a restart for updates loses at most the last moment of
typing. The row goes when the entry is saved or the editor is cancelled on purpose.
The command line and the directory itself never read it.

A draft describes a support organisation, like the entry it is to become: it holds
the editor's fields and nothing more, no time and no name of who typed it, and
nothing a save would not store. (The report of concern and a call's note are about a
client and get no draft; they are not here.)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fkstod.core.directory.migrations import DRAFTS_TABLE
from fkstod.core.directory.model import LIST_FIELDS
from fkstod.core.directory.validate import FIELD_LABELS, FIELD_NAMES, split_list
from fkstod.core.i18n import _
from fkstod.core.store_health import StoreError

if TYPE_CHECKING:
    from fkstod.core.store import Db

#: The one editor that keeps drafts: Ny post and Ändra (one is open at a time).
EDITOR = "entry"
#: The fields a draft holds: every field of the editor (the id is the row's own).
DRAFT_FIELDS = tuple(name for name in FIELD_NAMES if name != "id")
#: How much of a field's newer text the editor's notice shows (a long description).
NOTICE_VALUE_CHARS = 120


@dataclass(frozen=True)
class Draft:
    """What was typed in the editor and not saved.

    Attributes:
        entry_id: the entry being changed, or "" for a new one.
        opened: the fields as the editor opened them (the entry then, or empty).
        fields: the fields as typed.
    """

    entry_id: str
    opened: Mapping[str, str]
    fields: Mapping[str, str]

    @property
    def typed(self) -> bool:
        """Whether anything differs from what the editor opened with."""
        return any(not same(n, self.fields.get(n, ""), self.opened.get(n, "")) for n in self.fields)


class UnreadableDraft(Exception):
    """A draft in the database could not be read back; it has been removed."""

    def __str__(self) -> str:
        return unreadable_text()


def unreadable_text() -> str:
    """Return what the window says of a draft it could not read (and removed)."""
    return _(
        "En post som du skrev på innan fkstod stängdes kunde inte läsas tillbaka och har "
        "tagits bort. Inget annat i katalogen har ändrats."
    )


class EntryDrafts:
    """Keep, read and remove the editor's draft in the database.

    Args:
        db: the open database.
        editor: which editor's draft (one row each).
    """

    def __init__(self, db: Db, editor: str = EDITOR) -> None:
        self._db = db
        self._editor = editor

    def keep(self, draft: Draft) -> None:
        """Store ``draft`` in the place of the last one, on disk before this returns.

        One small transaction. The connection otherwise commits with
        ``synchronous = NORMAL``, which a killed process survives but a power cut
        may not; a draft is there for the power cut too, so its commit waits for the
        disk (``FULL``: the write-ahead log is synced).

        Raises:
            StoreError: the database refused the write (nothing of it was kept).
        """
        row = [
            self._editor,
            draft.entry_id,
            json.dumps(dict(draft.opened), ensure_ascii=False),
            json.dumps(dict(draft.fields), ensure_ascii=False),
        ]
        level = self._db.execute("PRAGMA synchronous").fetchone()[0]
        self._db.execute("PRAGMA synchronous = FULL")
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    f'INSERT INTO "{DRAFTS_TABLE}" (editor, entry_id, opened, fields) '
                    "VALUES (?, ?, ?, ?) ON CONFLICT (editor) DO UPDATE SET "
                    "entry_id = excluded.entry_id, opened = excluded.opened, "
                    "fields = excluded.fields",
                    row,
                )
        finally:
            self._db.execute(f"PRAGMA synchronous = {int(level)}")

    def remove(self) -> None:
        """Remove the draft, if there is one.

        Raises:
            StoreError: the database refused the write.
        """
        with self._db.transaction() as conn:
            conn.execute(f'DELETE FROM "{DRAFTS_TABLE}" WHERE editor = ?', [self._editor])

    def read(self) -> Draft | None:
        """Return the draft, or None when there is none.

        Raises:
            UnreadableDraft: the row is not a draft this version can read (damaged,
                or written by something else); it has been removed, nothing else.
        """
        row = self._db.execute(
            f'SELECT entry_id, opened, fields FROM "{DRAFTS_TABLE}" WHERE editor = ?',
            [self._editor],
        ).fetchone()
        if row is None:
            return None
        entry_id, opened, fields = row
        draft = None
        if isinstance(entry_id, str):
            opened_fields, typed_fields = _fields(opened), _fields(fields)
            if opened_fields is not None and typed_fields is not None:
                draft = Draft(entry_id, opened_fields, typed_fields)
        if draft is None:
            # A write-protected file (told at start) keeps it: said again next time.
            with suppress(StoreError):
                self.remove()
            raise UnreadableDraft
        return draft


def _fields(text: object) -> dict[str, str] | None:
    """Return a stored JSON object of fields, or None when it is not one.

    A name this version does not have (a later version's field) is left out, not
    a reason to lose the rest.
    """
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return None
    return {name: value[name] for name in DRAFT_FIELDS if name in value}


def same(name: str, a: str, b: str) -> bool:
    """Return True when two texts of field ``name`` say the same (lists in any order)."""
    if name in LIST_FIELDS:
        return sorted(split_list(a)) == sorted(split_list(b))
    return a.strip() == b.strip()


@dataclass(frozen=True)
class Resumed:
    """How the editor opens again with a draft.

    Attributes:
        entry_id: the entry to change, or "" to open it as a new entry.
        values: the fields to put in the editor.
        notice: what to say in the editor first ("" when nothing needs saying).
        review: the fields changed both in the draft and in the entry since.
    """

    entry_id: str
    values: dict[str, str]
    notice: str = ""
    review: tuple[str, ...] = field(default=())


def resume(draft: Draft, current: Mapping[str, str] | None) -> Resumed | None:
    """Decide how to open the editor with ``draft``; None when there is nothing to go on with.

    Args:
        current: the draft's entry as it is stored now (``entry_to_fields``), or
            None when it is gone (or the draft is of a new entry).

    A new entry's draft opens as it was typed. A change of an entry that is gone
    opens as a new entry: what was typed is the caseworker's, and a change of an
    entry that is no longer there cannot be saved. A change of an entry changed since
    (an import, the command line) opens on the entry as it is now, with the fields the
    caseworker changed as typed: neither side's change is lost, and the fields both
    changed are named for a look. None when nothing was typed, or when the entry
    already holds what was typed (the save went through, the removal of its draft
    did not).
    """
    if not draft.typed:
        return None
    values = {name: draft.fields.get(name, "") for name in DRAFT_FIELDS}
    if not draft.entry_id:
        return Resumed("", values)
    if current is None:
        return Resumed(
            "",
            values,
            _(
                "Posten som du ändrade finns inte längre i katalogen. Det du skrev visas "
                "här som en ny post: spara den om den ska finnas kvar."
            ),
        )
    if all(same(n, values[n], current.get(n, "")) for n in DRAFT_FIELDS):
        return None
    changed_since = [
        n for n in DRAFT_FIELDS if not same(n, current.get(n, ""), draft.opened.get(n, ""))
    ]
    if not changed_since:
        return Resumed(draft.entry_id, values)
    merged = dict(values)
    review = []
    for name in changed_since:
        if same(name, values[name], draft.opened.get(name, "")):
            merged[name] = current.get(name, "")  # not touched in the draft: the newer text
        elif not same(name, values[name], current.get(name, "")):
            review.append(name)
    notice = _(
        "Posten har ändrats sedan du skrev på den, till exempel av en import. Det du "
        "ändrade står kvar här, och resten är som posten är nu."
    )
    if review:
        notice += " " + _("Både du och ändringen av posten har ändrat det här:")
    for name in review:  # both changed it: what the entry says now, to compare
        now = " ".join(current.get(name, "").split()) or _("(tomt)")
        if len(now) > NOTICE_VALUE_CHARS:
            now = now[: NOTICE_VALUE_CHARS - 1] + "…"
        notice += "\n" + _("{f} i posten nu: {v}").replace("{f}", FIELD_LABELS[name]).replace(
            "{v}", now
        )
    return Resumed(draft.entry_id, merged, notice, tuple(review))

"""The directory service: shipped and local entries, search, editing, import and export.

Shipped entries come from ``resources/directory/*.csv`` and are read-only.
Local entries are the coordinators': stored in the user's database, changed
one at a time in the editor or all at once by import, which is all or nothing.
"""

from __future__ import annotations

import json
import time
import uuid
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from fkstod import paths
from fkstod.core import files
from fkstod.core.collector import no_collection, sorted_in_turns
from fkstod.core.directory import csvfile, hsds, xlsxfile
from fkstod.core.directory.csvfile import FileProblem, Row
from fkstod.core.directory.index import (
    DEFAULT_LIMIT,
    DirectoryIndex,
    Filters,
    IndexBuilder,
    SearchResult,
    fold,
    index_order,
)
from fkstod.core.directory.migrations import TABLE
from fkstod.core.directory.model import LIST_FIELDS, Entry
from fkstod.core.directory.validate import (
    FIELD_LABELS,
    FIELD_NAMES,
    FieldError,
    check_shipped_claim,
    entry_from_fields,
    entry_to_fields,
)
from fkstod.core.files import NOTHING_PROTECTED, Protected
from fkstod.core.i18n import _
from fkstod.core.plural import plural
from fkstod.core.problems import Problem
from fkstod.core.progress import Cancelled, Progress, no_progress

if TYPE_CHECKING:
    from fkstod.core.directory.drafts import EntryDrafts
    from fkstod.core.store import Db

STALE_AFTER_DAYS = 365
#: The category of a kommun's social services: where an orosanmälan goes.
SOCIALTJANST = "socialtjanst"


class DirectoryError(Exception):
    """A change that cannot be made; the message says why, in Swedish."""


#: One bad cell or row of an import file: the one problem type, with the column's name.
ImportProblem = Problem


@dataclass
class ImportPlan:
    """What an import would change; apply it with ``Directory.apply_import``.

    Attributes:
        entries: the complete new set of local entries (when there are no problems).
        added, changed, removed: the ids concerned.
        skipped_shipped: rows of shipped entries, which import leaves alone.
        problems: every bad row; a plan with problems cannot be applied.
    """

    path: str
    entries: list[Entry] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped_shipped: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    base_version: int = -1

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """Return the preview sentence: "3 nya, 5 ändrade, 1 borttagen"."""
        parts = [
            plural(len(self.added), _("1 ny"), _("{n} nya")),
            plural(len(self.changed), _("1 ändrad"), _("{n} ändrade")),
            plural(len(self.removed), _("1 borttagen"), _("{n} borttagna")),
        ]
        text = ", ".join(parts)
        if self.unchanged:
            text += " " + plural(self.unchanged, _("(1 oförändrad)"), _("({n} oförändrade)"))
        return text


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so views refresh only that."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def _row_to_db(entry: Entry) -> dict[str, str]:
    out = entry_to_fields(entry)
    for name in LIST_FIELDS:
        out[name] = _list_json(getattr(entry, name))
    return out


@lru_cache(maxsize=4096)
def _list_json(items: tuple[str, ...]) -> str:
    # Lists repeat across entries (the same languages, groups, municipality):
    # each distinct one is encoded once, and decoded once by _list_from_json.
    return json.dumps(list(items), ensure_ascii=False)


@lru_cache(maxsize=4096)
def _list_from_json(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text or "[]"))


#: Fields whose values repeat across entries (a service's name, a category, opening hours, a date):
#: read from the database, each distinct value is kept once, not once per entry.
_REPEATING = ("tjanst", "kategori", "telefontider", "senast_verifierad", "kalla", "tillganglighet")
_seen_values: dict[str, str] = {}


def _row_from_db(row: Mapping[str, str]) -> Entry:
    values = {name: row.get(name) or "" for name in FIELD_NAMES}
    if len(_seen_values) < 20_000:  # unbounded only if every value were distinct
        for name in _REPEATING:
            values[name] = _seen_values.setdefault(values[name], values[name])
    lists = {name: _list_from_json(values.pop(name)) for name in LIST_FIELDS}
    return Entry(**values, **lists)  # type: ignore[arg-type]


def _duplicate_key(entry: Entry) -> tuple[str, str, str]:
    return (fold(entry.organisation), fold(entry.tjanst), re_digits(entry.telefon))


def re_digits(text: str) -> str:
    """Return only the digits of ``text``."""
    return "".join(c for c in text if c.isdigit())


def load_shipped(folder: Path | None = None) -> list[Entry]:
    """Read the shipped entries; a broken shipped file is a packaging error and raises."""
    folder = folder or paths.resource("directory")
    entries: list[Entry] = []
    for path in sorted(folder.glob("*.csv")):
        for row in csvfile.read_rows(path):
            if row.problem is not None:
                raise DirectoryError(f"{path}:{row.line}: {row.problem[0]}: {row.problem[1]}")
            built = entry_from_fields(row.cells, levererad=True)
            if isinstance(built, list):
                first = built[0]
                raise DirectoryError(f"{path}:{row.line}: {first.field}: {first.message}")
            entries.append(built)
    return entries


class Directory:
    """Every entry, searchable; local entries editable.

    Args:
        db: the open database (local entries), or None for shipped entries only.
        shipped: the shipped entries (loaded from resources when None).
    """

    def __init__(
        self,
        db: Db | None,
        shipped: Sequence[Entry] | None = None,
        protected: Protected = NOTHING_PROTECTED,
    ) -> None:
        self._db = db
        self._protected = protected  # where export never writes (the data folder)
        self._shipped_given = shipped
        for _piece in self._load():
            pass

    @classmethod
    def in_slices(
        cls,
        db: Db | None,
        shipped: Sequence[Entry] | None = None,
        protected: Protected = NOTHING_PROTECTED,
    ) -> DirectoryLoader:
        """Return a loader that builds the directory a slice at a time (see DirectoryLoader)."""
        directory = cls.__new__(cls)
        directory._db = db
        directory._protected = protected
        directory._shipped_given = shipped
        return DirectoryLoader(directory, directory._load())

    @cached_property
    def _shipped(self) -> list[Entry]:
        # Read by the load's first piece, or before it by an early lookup (the loader's
        # socialtjanst_for): a short file, read once either way.
        given = self._shipped_given
        return list(load_shipped() if given is None else given)

    def _load(self) -> Iterator[None]:
        # The whole load as small pieces: the shipped file, local rows a page at a
        # time (each page its own query, so no statement stays open between pieces
        # while the app writes), then the index in IndexBuilder's pieces.
        shipped = self._shipped
        self._version = 0
        self._rebuild: IndexBuilder | None = None
        #: The entries by their number's digits (``_duplicate_of``): made a slice at a
        #: time while the editor is open (``duplicates_step``), else at the first save.
        self._duplicates: dict[str, list[Entry]] | None = None
        self._duplicates_work: Iterator[None] | None = None
        yield
        local: list[Entry] = []
        if self._db is not None:
            last = None
            while True:
                cursor = self._db.execute(
                    f"SELECT * FROM {TABLE} "
                    + ("" if last is None else "WHERE id > ? ")
                    + f"ORDER BY id LIMIT {_PAGE}",
                    () if last is None else (last,),
                )
                names = [d[0] for d in cursor.description]
                page = [_row_from_db(dict(zip(names, r, strict=True))) for r in cursor]
                local += page
                yield
                if len(page) < _PAGE:
                    break
                last = page[-1].id
        self._local = {e.id: e for e in local}
        builder = IndexBuilder([*shipped, *local])
        while not builder.step(0):
            yield
        self.index = builder.index
        self._version += 1

    def _reload(self, local: list[Entry] | None = None, *, index_now: bool = True) -> None:
        """Read the local entries (or take ``local``, just stored) and rebuild the index.

        With ``index_now`` False the index is rebuilt by ``reindex_step`` (a window's
        timer, a slice at a time); until it is done, every read finishes it first.
        """
        if local is None:
            local = self._read_local()
        self._local = {e.id: e for e in local}
        self._duplicates = self._duplicates_work = None
        self._reindex(index_now=index_now)

    def _reindex(self, *, index_now: bool) -> None:
        # After any change of the local entries (``_local``, in id order as read back).
        self._version += 1
        entries = [*self._shipped, *self._local.values()]
        if index_now:
            self._rebuild = None
            self.index = DirectoryIndex(entries)
        else:
            self._rebuild = IndexBuilder(entries)

    def _put_local(self, entry: Entry) -> None:
        """Take ``entry`` (just stored) into the local entries, keeping their id order."""
        old = self._local.get(entry.id)
        if old is not None:
            self._local[entry.id] = entry  # a changed entry keeps its place
        else:
            ids = list(self._local)
            items = list(self._local.items())
            items.insert(bisect_left(ids, entry.id), (entry.id, entry))
            self._local = dict(items)
        if self._duplicates is not None:
            if old is not None:
                self._duplicates[re_digits(old.telefon)].remove(old)
            self._duplicates.setdefault(re_digits(entry.telefon), []).append(entry)
        self._duplicates_work = None  # a table half made missed this: made again

    def _drop_local(self, entry_id: str) -> None:
        old = self._local.pop(entry_id)
        if self._duplicates is not None:
            self._duplicates[re_digits(old.telefon)].remove(old)
        self._duplicates_work = None

    def duplicates_step(self, budget_ms: float = 10.0) -> bool:
        """Make the table of entries by number for about ``budget_ms``; True once made.

        At 100 000 entries the table takes some 130 ms: the window makes it in
        slices while the editor is open, so that saving does not wait for it.
        """
        if self._duplicates is not None:
            return True
        if self._duplicates_work is None:
            self._duplicates_work = self._make_duplicates()
        deadline = time.perf_counter() + budget_ms / 1000
        for _piece in self._duplicates_work:
            if time.perf_counter() >= deadline:
                return False
        return self._duplicates is not None

    def _make_duplicates(self) -> Iterator[None]:
        table: dict[str, list[Entry]] = {}
        for n, other in enumerate([*self._shipped, *self._local.values()]):
            table.setdefault(re_digits(other.telefon), []).append(other)
            if n % DUPLICATES_PIECE == DUPLICATES_PIECE - 1:
                yield
        self._duplicates, self._duplicates_work = table, None

    def _duplicate_of(self, entry: Entry, entry_id: str) -> Entry | None:
        """Return another entry with the same organisation, service and number, if any.

        The entries are kept by their number's digits (``duplicates_step``, then kept
        up to date by each change): only those with the same number are compared,
        never all 100 000.
        """
        self.duplicates_step(float("inf"))  # what the window's slices have not made yet
        assert self._duplicates is not None
        key = _duplicate_key(entry)
        for other in self._duplicates.get(re_digits(entry.telefon), ()):
            if other.id != entry_id and _duplicate_key(other) == key:
                return other
        return None

    @property
    def reindexing(self) -> bool:
        """Whether a change is stored but the index is not yet rebuilt (see ``reindex_step``)."""
        return self._rebuild is not None

    def reindex_step(self, budget_ms: float = 10.0) -> bool:
        """Rebuild the index for about ``budget_ms``; return True once it is current."""
        if self._rebuild is None:
            return True
        if not self._rebuild.step(budget_ms):
            return False
        self.index = self._rebuild.index
        self._rebuild = None
        return True

    def _settle(self) -> None:
        # A read never sees the index from before a change: it finishes the rebuild.
        if self._rebuild is not None:
            self.index = self._rebuild.finish()
            self._rebuild = None

    def _read_local(self) -> list[Entry]:
        if self._db is None:
            return []
        cursor = self._db.execute(f"SELECT * FROM {TABLE} ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [_row_from_db(dict(zip(names, r, strict=True))) for r in cursor]

    # -- reading -------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Return every entry, shipped first."""
        self._settle()
        return list(self.index.entries)

    def local_entries(self) -> list[Entry]:
        """Return the coordinators' entries."""
        return list(self._local.values())

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with ``entry_id``, or None."""
        self._settle()
        return self.index.by_id.get(entry_id)

    def search(
        self,
        query: str = "",
        *,
        kommun: str = "",
        needs: Iterable[str] = (),
        filters: Filters | None = None,
        limit: int = DEFAULT_LIMIT,
        now: datetime | None = None,
    ) -> SearchResult:
        """Search every entry; see ``DirectoryIndex.search``."""
        self._settle()
        return self.index.search(
            query, kommun=kommun, needs=needs, filters=filters, limit=limit, now=now
        )

    def socialtjanst_for(self, kommun: str) -> Entry | None:
        """Return the social services entry that serves ``kommun``, if the directory has one.

        With several, the first in the directory's order (shipped first, then by name).
        While the index is rebuilt after a change, the store answers (``socialtjanst_in_store``):
        the rebuild is not finished at once for it.
        """
        if self._rebuild is not None:
            return socialtjanst_in_store(self._db, self._shipped, kommun)
        return self.index.first_of(SOCIALTJANST, kommun)

    def languages(self) -> list[str]:
        """Return every language some service speaks."""
        self._settle()
        return self.index.languages()

    @staticmethod
    def is_verified(entry: Entry) -> bool:
        """Return True when the entry carries a date on which its facts were checked."""
        try:
            date.fromisoformat(entry.senast_verifierad)
        except ValueError:
            return False
        return True

    @staticmethod
    def is_stale(entry: Entry, today: date | None = None) -> bool:
        """Return True when the entry was never verified or last verified over 12 months ago."""
        if not Directory.is_verified(entry):
            return True
        verified = date.fromisoformat(entry.senast_verifierad)
        return ((today or date.today()) - verified).days > STALE_AFTER_DAYS

    # -- editing -------------------------------------------------------------
    def _require_db(self) -> Db:
        if self._db is None:
            raise DirectoryError(_("katalogen är öppnad utan databas och kan inte ändras"))
        return self._db

    def validate(self, values: Mapping[str, str], entry_id: str = "") -> Entry | list[FieldError]:
        """Check an edited entry as import would; return it with an id, or the problems.

        The problems are told in the form's words (``source="form"``): no spreadsheet.
        Reads the shipped and local entries, never the index: an index being rebuilt
        after the last change goes on in its slices.
        """
        built = entry_from_fields({**values, "id": entry_id}, source="form")
        if isinstance(built, list):
            return built
        shipped_ids = {e.id for e in self._shipped}
        if entry_id in shipped_ids:
            return [FieldError("id", _("en levererad post kan inte ändras"))]
        if claim := check_shipped_claim(entry_id, False, shipped_ids):
            return claim
        if (other := self._duplicate_of(built, entry_id)) is not None:
            return [
                FieldError(
                    "organisation",
                    _("samma organisation, tjänst och telefon finns redan: {t}").format(
                        t=other.title
                    ),
                )
            ]
        return built.with_changes(id=entry_id or new_id())

    def save(
        self, values: Mapping[str, str], entry_id: str = "", *, index_now: bool = True
    ) -> Entry | list[FieldError]:
        """Add (no ``entry_id``) or change a local entry; return it, or the problems.

        ``index_now=False``: the index is rebuilt later, by ``reindex_step``.
        """
        db = self._require_db()
        if entry_id and entry_id not in self._local:
            return [FieldError("id", _("posten finns inte längre"))]
        built = self.validate(values, entry_id)
        if isinstance(built, list):
            return built
        row = _row_to_db(built)
        columns = list(row)
        with db.transaction() as conn:
            conn.execute(
                f"INSERT INTO {TABLE} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))}) ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id"),
                [row[c] for c in columns],
            )
        # What was stored is what was built: taken in without reading every row back.
        self._put_local(built)
        self._reindex(index_now=index_now)
        return built

    def remove(self, entry_id: str, *, index_now: bool = True) -> Changes:
        """Remove a local entry (``index_now=False``: see ``save``)."""
        db = self._require_db()
        if entry_id not in self._local:
            raise DirectoryError(_("bara lokala poster kan tas bort"))
        with db.transaction() as conn:
            conn.execute(f"DELETE FROM {TABLE} WHERE id = ?", [entry_id])
        self._drop_local(entry_id)
        self._reindex(index_now=index_now)
        return Changes(removed=(entry_id,))

    # -- import and export ---------------------------------------------------
    def plan_import(self, path: Path, progress: Progress = no_progress) -> ImportPlan:
        """Read and check a CSV file, an Excel workbook (.xlsx) or an HSDS package; change nothing.

        ``progress(rows checked, rows)`` is called every ``PROGRESS_ROWS`` rows; the
        window runs this off its thread (``fkstod.qt.background``), so it reads the
        directory's entries but never changes them.

        Raises:
            FileProblem: when the file as a whole cannot be read.
            Cancelled: when ``progress`` returned False.
        """
        # Many long-lived objects and no cyclic garbage: a collection midway would walk
        # them all, and hold up the window's thread too (see fkstod.core.collector).
        # The plan's entries are to be the directory's (as the loader's, for good):
        # kept out of the collector's sight; what is garbage (the file's rows) goes by
        # reference counting.
        with no_collection(keep=True):
            if files.is_folder(path) or path.name == hsds.DESCRIPTOR:
                rows = hsds.read_package(path)
            elif path.suffix.lower() == ".xlsx":
                rows = xlsxfile.read_rows(path)
            else:
                rows = csvfile.read_rows(path)
            return self._plan(str(path), rows, progress)

    def _plan(self, path: str, rows: Sequence[Row], progress: Progress = no_progress) -> ImportPlan:
        # Reads the shipped and local entries only, never the index: a rebuild going on
        # on the window's thread is left to it.
        plan = ImportPlan(path=path, base_version=self._version)
        shipped_ids = {e.id for e in self._shipped}
        shipped_keys = {_duplicate_key(e): e for e in self._shipped}
        # A copy (one step, whichever thread runs this): an edit made meanwhile on the
        # window's thread cannot change what is being compared, and the plan it makes
        # stale is refused by store_import (base_version).
        local = dict(self._local)
        by_key = {_duplicate_key(e): e.id for e in local.values()}
        seen_ids: dict[str, int] = {}
        seen_keys: dict[tuple[str, str, str], int] = {}
        for number, row in enumerate(rows):
            if number % PROGRESS_ROWS == 0 and not progress(number, len(rows)):
                raise Cancelled
            where = row.path or path  # an HSDS package's row: the table it is in
            if row.problem is not None:
                plan.problems.append(Problem.in_column(where, row.line, *row.problem))
                continue
            # Rows marked shipped are checked like any other, then left alone.
            built = entry_from_fields(row.cells, levererad=row.levererad)
            if not isinstance(built, list):
                built = check_shipped_claim(built.id, row.levererad, shipped_ids) or built
            if isinstance(built, list):
                plan.problems.extend(
                    Problem.in_column(where, row.line, csvfile.column_of(e.field), e.message)
                    for e in built
                )
                continue
            if row.levererad:
                plan.skipped_shipped += 1
                continue
            if built.id in shipped_ids:
                plan.problems.append(
                    Problem.in_column(
                        where,
                        row.line,
                        "id",
                        _(
                            "id ”{i}” tillhör en levererad post; markera raden Levererad = ja"
                        ).format(i=built.id),
                    )
                )
                continue
            key = _duplicate_key(built)
            if key in shipped_keys:
                plan.problems.append(
                    Problem.in_column(
                        where,
                        row.line,
                        FIELD_LABELS["organisation"],
                        _("samma organisation, tjänst och telefon finns redan: {t}").format(
                            t=shipped_keys[key].title
                        ),
                    )
                )
                continue
            if key in seen_keys:
                plan.problems.append(
                    Problem.in_column(
                        where,
                        row.line,
                        FIELD_LABELS["organisation"],
                        _("samma organisation, tjänst och telefon som rad {n}").format(
                            n=seen_keys[key]
                        ),
                    )
                )
                continue
            seen_keys[key] = row.line
            if not built.id:
                built = built.with_changes(id=by_key.get(key) or new_id())
            if built.id in seen_ids:
                plan.problems.append(
                    Problem.in_column(
                        where,
                        row.line,
                        "id",
                        _("id ”{i}” finns redan på rad {n}").format(
                            i=built.id, n=seen_ids[built.id]
                        ),
                    )
                )
                continue
            seen_ids[built.id] = row.line
            plan.entries.append(built)
            old = local.get(built.id)
            if old is None:
                plan.added.append(built.id)
            elif old.content() != built.content():
                plan.changed.append(built.id)
            else:
                plan.unchanged += 1
        if plan.problems:
            plan.entries = []
            return plan
        plan.removed = [i for i in local if i not in seen_ids]
        # As the directory reads them back; in turns: the window runs while this does.
        plan.entries = sorted_in_turns(plan.entries, key=lambda e: e.id)
        return plan

    def apply_import(self, plan: ImportPlan, *, index_now: bool = True) -> Changes:
        """Replace the local entries by the plan's, in one transaction.

        ``index_now=False``: the index is rebuilt later, by ``reindex_step``.

        Raises:
            DirectoryError: when the plan has problems or the directory changed since.
        """
        self.store_import(plan)
        return self.took_import(plan, index_now=index_now)

    def store_import(self, plan: ImportPlan, db: Db | None = None) -> None:
        """Write the plan's entries in one transaction, through ``db`` (else the directory's).

        The window calls this from a worker thread with a connection of that thread's
        own (``Db.sibling``), then ``took_import`` on its own thread.

        Raises:
            DirectoryError: when the plan has problems or the directory changed since.
        """
        db = db or self._require_db()
        if not plan.ok:
            raise DirectoryError(_("importen har fel och har inte genomförts"))
        if plan.base_version != self._version:
            raise DirectoryError(
                _("katalogen har ändrats sedan förhandsvisningen; läs in filen igen")
            )
        with no_collection(), db.transaction() as conn:
            conn.execute(f"DELETE FROM {TABLE}")
            if plan.entries:
                # Plain executemany: sqlite-utils' insert_all spends more time per row
                # in Python than SQLite does (a third of a 100 000-entry import).
                columns = list(_row_to_db(plan.entries[0]))
                conn.executemany(
                    f"INSERT INTO {TABLE} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    ([row[c] for c in columns] for row in map(_row_to_db, plan.entries)),
                )

    @property
    def file(self) -> Path | None:
        """The database file the directory is kept in (None: in memory, or none)."""
        return self._db.path if self._db is not None else None

    def store_import_in_this_thread(self, plan: ImportPlan) -> None:
        """``store_import`` through a new connection of the calling thread (a worker's).

        Raises:
            DirectoryError: as ``store_import``, or when the directory has no file.
            StoreError: when the database cannot be written.
        """
        own = self._require_db().sibling()
        if own is None:
            raise DirectoryError(_("katalogen har ingen databasfil att skriva i"))
        try:
            self.store_import(plan, own)
        finally:
            own.close()

    def took_import(self, plan: ImportPlan, *, index_now: bool = True) -> Changes:
        """Take the plan ``store_import`` wrote as the directory's local entries."""
        # What was stored is what the plan holds: no need to read 100 000 rows back.
        self._reload(plan.entries, index_now=index_now)
        return Changes(tuple(plan.added), tuple(plan.changed), tuple(plan.removed))

    def export(self, path: Path, fmt: str = "csv", include_shipped: bool = True) -> int:
        """Write the directory as a CSV file, a workbook or an HSDS package; return the count.

        ``fmt`` is ``csv``, ``xlsx`` or ``hsds``.

        Raises:
            FileProblem: when it may not or cannot be written; nothing changed then.
        """
        entries = self.entries() if include_shipped else self.local_entries()
        return write_export(entries, path, fmt, self._protected)

    @property
    def protected(self) -> Protected:
        """What an export must never write over (the data folder)."""
        return self._protected

    @property
    def drafts(self) -> EntryDrafts | None:
        """The entry editor's unsaved drafts (None without a database to keep them in)."""
        if self._db is None:
            return None
        from fkstod.core.directory.drafts import EntryDrafts

        return EntryDrafts(self._db)


def write_export(entries: Sequence[Entry], path: Path, fmt: str, protected: Protected) -> int:
    """Write ``entries`` as ``fmt`` (``csv``, ``xlsx`` or ``hsds``) at ``path``; return the count.

    Reads nothing but ``entries``: the window calls it from a worker thread with
    the list ``Directory.entries`` gave it.

    Raises:
        FileProblem: when it may not or cannot be written; nothing changed then.
    """
    if fmt == "hsds":
        return hsds.write_package(entries, path, protected)
    if fmt == "xlsx":
        return xlsxfile.write_xlsx(entries, path, protected)
    return csvfile.write_csv(entries, path, protected)


#: An import's progress is told every this many rows.
PROGRESS_ROWS = 500
#: Local rows read per query while loading.
_PAGE = 250
#: Entries a slice of ``duplicates_step`` takes into the table before it looks at the clock.
DUPLICATES_PIECE = 512


class DirectoryLoader:
    """Load a ``Directory`` in slices, so a window's event loop never waits long.

    Call ``step(budget_ms)`` (from a timer, say) until it returns True; then
    ``directory`` is the same as ``Directory(db)`` would have built. Each piece
    of work is small (a page of rows, a slice of the index), so a step returns
    close to its budget even with 100 000 entries.
    """

    def __init__(self, directory: Directory, work: Iterator[None]) -> None:
        self._directory = directory
        self._work: Iterator[None] | None = work
        self._fault: Exception | None = None

    @property
    def done(self) -> bool:
        """Whether the directory is loaded."""
        return self._work is None

    @property
    def directory(self) -> Directory:
        """The loaded directory (raises RuntimeError before ``step`` has returned True)."""
        if self._work is not None:
            raise RuntimeError("the directory is still loading")
        return self._directory

    def step(self, budget_ms: float = 10.0) -> bool:
        """Load for about ``budget_ms`` milliseconds; return True once the directory is ready."""
        if self._work is None:
            return True
        if self._fault is not None:
            # The work stopped at a fault; its spent generator would look done.
            raise self._fault
        deadline = time.perf_counter() + budget_ms / 1000
        try:
            # As IndexBuilder: no collection inside a slice; what a slice made (the
            # entries, read to live as long as the app) is taken out of the collector's
            # sight after it, so no later collection walks them in the middle of a
            # slice (at 100 000 entries one such walk took 50 ms and more).
            with no_collection(keep=True):
                for _piece in self._work:
                    if time.perf_counter() >= deadline:
                        return False
        except Exception as exc:
            self._fault = exc
            raise
        self._work = None
        return True

    def finish(self) -> Directory:
        """Load the rest at once and return the directory."""
        while not self.step(1000):
            pass
        return self._directory

    def socialtjanst_for(self, kommun: str) -> Entry | None:
        """Return what the loaded directory's ``socialtjanst_for`` returns, without waiting.

        Before the load is done the store answers (``socialtjanst_in_store``), in a
        few milliseconds even with 100 000 entries; once done, the index does.
        """
        if self._work is None:
            return self._directory.socialtjanst_for(kommun)
        directory = self._directory
        return socialtjanst_in_store(directory._db, directory._shipped, kommun)


#: A category's local entries whose kommuner may hold a code (JSON-quoted), in the
#: order the load reads them. The inner select reads the index alone (it covers
#: kategori and kommuner); only the rows it picks are read from the table.
SOCIALTJANST_QUERY = (
    f"SELECT * FROM {TABLE} WHERE rowid IN (SELECT rowid FROM {TABLE} "
    "WHERE kategori = ? AND instr(kommuner, ?) > 0) ORDER BY id"
)


def socialtjanst_in_store(db: Db | None, shipped: Sequence[Entry], kommun: str) -> Entry | None:
    """Return the entry ``Directory.socialtjanst_for`` returns, asking the store, not the index.

    The shipped entries are a short list. Of the local ones, the database reads only
    the social services whose kommuner hold the code (an index on kategori and
    kommuner, migration ``index_directory_by_category``): a few rows, not the 100 000
    the directory's load reads. The winner among them is chosen by the index's own
    order (``index_order``), with the local rows in the order the load reads them.
    """
    found = [e for e in shipped if e.kategori == SOCIALTJANST and kommun in e.kommuner]
    if db is not None:
        # Each code is stored inside its list's JSON as json.dumps writes it alone: the
        # test finds every row that holds the code (and, rarely, more: checked below).
        cursor = db.execute(
            SOCIALTJANST_QUERY, [SOCIALTJANST, json.dumps(kommun, ensure_ascii=False)]
        )
        names = [d[0] for d in cursor.description]
        rows = (_row_from_db(dict(zip(names, r, strict=True))) for r in cursor)
        found += [e for e in rows if e.kategori == SOCIALTJANST and kommun in e.kommuner]
    ordered = index_order(found)
    return ordered[0] if ordered else None


def new_id() -> str:
    """Return a fresh id for a local entry."""
    return f"lokal-{uuid.uuid4().hex[:12]}"


__all__ = [
    "Directory",
    "DirectoryError",
    "DirectoryLoader",
    "FileProblem",
    "ImportPlan",
    "ImportProblem",
    "socialtjanst_in_store",
    "write_export",
]

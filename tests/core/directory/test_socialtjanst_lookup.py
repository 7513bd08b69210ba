"""A kommun's social services found without the loaded directory: the same entry, every time.

Naming an orosanmälan's addressee must never wait for the directory's load
(seconds at 100 000 entries). ``DirectoryLoader.socialtjanst_for`` asks the store
until the directory is read (``socialtjanst_in_store``); it must answer exactly what
the loaded directory answers: shipped entries, local ones, edited ones, removed
ones, several for one kommun (the same one wins).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.directory import Directory, Entry
from fkstod.core.directory.index import DirectoryIndex, index_order
from fkstod.core.directory.migrations import TABLE
from fkstod.core.directory.service import (
    SOCIALTJANST,
    SOCIALTJANST_QUERY,
    _row_to_db,
    socialtjanst_in_store,
)
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

CODES = ("0380", "1280", "0114")
#: Asked for too: a code nobody serves, and a part of one (must not match 0380).
ASKED = (*CODES, "2580", "038", "")
#: Names that sort together, apart or equal in Swedish (case, å/a, ö/o, empty service).
ORGANISATIONS = (
    "Socialtjänsten",
    "Socialtjansten",
    "Åby",  # Swedish: å before ä (Python's own order puts ä first)
    "Äby",
    "Öby",
    "aby",
    "Aby",  # equal but for case: the order given decides
    "Éby",  # é sorts as e: before F
    "Fby",
)
SERVICES = ("", "Mottagning", "mottagning", "Socialjour")
#: Ids whose order differs by byte and by letter (SQLite's ORDER BY id and Python's sort).
ID_CHARS = "aAzZ09-éöÖ\u00ff\u0100\ufffd\U0001f600"


def _entry(draw, ident: str, levererad: bool) -> Entry:
    return Entry(
        id=ident,
        organisation=draw(st.sampled_from(ORGANISATIONS)),
        tjanst=draw(st.sampled_from(SERVICES)),
        kategori=draw(st.sampled_from([SOCIALTJANST, SOCIALTJANST, "kvinnor"])),
        telefon=f"08-{draw(st.integers(0, 999999)):06d}",
        kommuner=tuple(draw(st.lists(st.sampled_from(CODES), unique=True, max_size=3))),
        senast_verifierad="2026-01-01",
        levererad=levererad,
    )


@st.composite
def directories(draw):
    """Shipped entries, stored local ones, and the edits to make through the directory."""
    shipped_ids = draw(st.lists(st.text(ID_CHARS, min_size=1, max_size=3), unique=True, max_size=4))
    # A caller's shipped list may hold entries not marked shipped: the index sorts those too.
    shipped = [_entry(draw, f"nat-{i}", draw(st.booleans())) for i in shipped_ids]
    local_ids = draw(st.lists(st.text(ID_CHARS, min_size=1, max_size=3), unique=True, max_size=12))
    local = [_entry(draw, f"l{i}", False) for i in local_ids]
    edits = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["new", "change", "remove"]),
                st.integers(0, 20),  # which local entry
                st.sampled_from(ORGANISATIONS),
                st.sampled_from(SERVICES),
                st.sampled_from([SOCIALTJANST, "kvinnor"]),
                st.lists(st.sampled_from(CODES), unique=True, min_size=1, max_size=2),
                st.booleans(),  # index now, or rebuilt later in slices
            ),
            max_size=4,
        )
    )
    return shipped, local, edits


def _edit(directory: Directory, edit: tuple) -> None:
    kind, which, organisation, tjanst, kategori, codes, index_now = edit
    local = sorted(directory.local_entries(), key=lambda e: e.id)
    if kind != "new" and not local:
        return
    target = local[which % len(local)].id if kind != "new" else ""
    if kind == "remove":
        directory.remove(target, index_now=index_now)
        return
    values = {
        "organisation": organisation,
        "tjanst": tjanst,
        "kategori": kategori,
        "telefon": f"08-{which:06d}",
        "kommuner": ", ".join(codes),
        "senast_verifierad": "2026-01-01",
    }
    directory.save(values, target, index_now=index_now)  # a duplicate is refused: fine too


def _loaded_answer(db, shipped: list[Entry], kommun: str) -> Entry | None:
    """What the directory read in full answers: the first such entry in its order."""
    for entry in Directory(db, shipped).entries():
        if entry.kategori == SOCIALTJANST and kommun in entry.kommuner:
            return entry
    return None


@PROPERTY
@given(directories())
def test_the_store_names_the_same_socialtjanst_as_the_loaded_directory(data) -> None:
    shipped, local, edits = data
    db = open_memory(MIGRATION_SETS)
    try:
        if local:
            with db.transaction():
                db[TABLE].insert_all((_row_to_db(e) for e in local), pk="id")  # type: ignore[union-attr]
        directory = Directory(db, shipped)
        for edit in edits:
            _edit(directory, edit)
        want = {k: _loaded_answer(db, shipped, k) for k in ASKED}
        # The edited directory, its index perhaps still to be rebuilt (the store answers
        # then), and once rebuilt (the index answers).
        assert {k: directory.socialtjanst_for(k) for k in ASKED} == want
        while not directory.reindex_step(0):
            pass
        assert {k: directory.socialtjanst_for(k) for k in ASKED} == want
        # A new start: before the load's first piece, between pieces, and loaded.
        loader = Directory.in_slices(db, shipped)
        assert {k: loader.socialtjanst_for(k) for k in ASKED} == want
        assert not loader.done  # it answered without loading
        loader.step(0)
        assert {k: loader.socialtjanst_for(k) for k in ASKED} == want
        loader.finish()
        assert {k: loader.socialtjanst_for(k) for k in ASKED} == want
        assert {k: socialtjanst_in_store(db, shipped, k) for k in ASKED} == want
    finally:
        db.close()


@PROPERTY
@given(st.data())
def test_index_order_is_the_order_an_index_keeps(data) -> None:
    # The lookup ranks what it found by index_order: it must be the builder's rule.
    ids = data.draw(
        st.lists(st.text(ID_CHARS, min_size=1, max_size=3), unique=True, min_size=4, max_size=20)
    )
    entries = [_entry(data.draw, i, data.draw(st.booleans())) for i in ids]
    assert [e.id for e in index_order(entries)] == [e.id for e in DirectoryIndex(entries).entries]


def test_the_store_reads_only_the_social_services_of_the_kommun(memory_db) -> None:
    """The lookup's query is answered from the index on category and kommuner, not a scan."""
    plan = " ".join(
        str(row)
        for row in memory_db.execute(
            f"EXPLAIN QUERY PLAN {SOCIALTJANST_QUERY}", [SOCIALTJANST, '"0380"']
        )
    )
    assert f"COVERING INDEX {TABLE}_kategori" in plan
    assert f"SCAN {TABLE} " not in plan + " "

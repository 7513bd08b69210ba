"""The merge counts each month of each database once, in its latest form, whatever the order."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_memory
from fkstod.core.usage.export import write_export
from tests.core.usage.test_usage_statistik import export, merge, recorded

MONTHS = ("2026-09", "2026-10", "2026-11")

step = st.one_of(
    st.tuples(st.just("count"), st.sampled_from(MONTHS), st.integers(1, 3)),
    st.tuples(
        st.just("export"),
        st.sets(st.sampled_from(MONTHS), min_size=1),
        st.sampled_from([None, "syd", "nord"]),
    ),
)


def started(result) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in result.cells.items():
        if key[2] == "flow_started":
            out[key[0]] = out.get(key[0], 0) + n
    return out


@settings(max_examples=60, deadline=None)
@given(
    databases=st.lists(st.lists(step, max_size=8), min_size=1, max_size=3),
    copies=st.lists(st.integers(0, 50), max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_any_exports_in_any_order_count_each_months_latest_form_once(databases, copies, order):
    expected: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        paths: list[Path] = []
        for d, steps in enumerate(databases):
            db = open_memory(MIGRATION_SETS)
            try:
                counts = dict.fromkeys(MONTHS, 0)
                sent: dict[str, int] = {}
                for s in steps:
                    if s[0] == "count":
                        recorded(db, s[1], times=s[2])
                        counts[s[1]] += s[2]
                    else:
                        path = Path(folder) / f"{d}-{len(paths)}.json"
                        document = export(db, months=sorted(s[1]), unit=s[2])
                        write_export(path, document, db, NOTHING_PROTECTED)
                        paths.append(path)
                        sent.update({m: counts[m] for m in s[1]})
                for m, n in sent.items():
                    if n:
                        expected[m] = expected.get(m, 0) + n
            finally:
                db.close()
        if paths:
            paths += [paths[i % len(paths)] for i in copies]
        order.shuffle(paths)
        result = merge(paths)
        again = merge(paths[::-1])
    assert not result.skipped
    assert started(result) == expected
    assert again.cells == result.cells  # the order of the files never matters


def test_a_file_added_to_the_folder_while_merging_changes_no_count(memory_db, tmp_path):
    # The earlier form of a month is taken out at the end by reading its file again. A
    # colleague's file dropped into the folder meanwhile, sorted first, must not make
    # another file be read in its place (named as changed, its month counted twice).
    folder = tmp_path / "in"
    folder.mkdir()
    recorded(memory_db, "2026-11", times=2)
    write_export(folder / "b.json", export(memory_db), memory_db, NOTHING_PROTECTED)
    recorded(memory_db, "2026-11", times=3)
    write_export(folder / "c.json", export(memory_db), memory_db, NOTHING_PROTECTED)
    other = open_memory(MIGRATION_SETS)
    try:
        recorded(other, "2026-10", times=1)
        late = export(other)
    finally:
        other.close()

    def drop_a_file(done, total):
        if done == total:
            write_export(folder / "a.json", late, memory_db, NOTHING_PROTECTED)

    result = merge([folder], progress=drop_a_file)
    assert not result.skipped
    assert started(result) == {"2026-11": 5}


def test_a_month_sent_again_with_the_same_counts_under_another_unit_merges_the_same_in_any_order(
    memory_db, tmp_path
):
    # Equal totals are the same counts, but the unit may have been corrected in between:
    # which file is read first must not decide where the month is counted.
    recorded(memory_db, "2026-11", times=3)
    syd, nord = tmp_path / "syd.json", tmp_path / "nord.json"
    write_export(syd, export(memory_db, unit="syd"), memory_db, NOTHING_PROTECTED)
    write_export(nord, export(memory_db, unit="nord"), memory_db, NOTHING_PROTECTED)
    one, other = merge([syd, nord]), merge([nord, syd])
    assert one.cells == other.cells
    assert started(one) == {"2026-11": 3} and one.replaced == other.replaced == 1

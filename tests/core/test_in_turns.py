"""Work that runs beside the window in short calls: sorts, freeing, decoding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fkstod.core import files
from fkstod.core.collector import free_in_turns, sorted_in_turns


@given(st.lists(st.tuples(st.integers(0, 20), st.integers())), st.integers(1, 9))
def test_a_sort_in_turns_is_the_same_as_sorted_and_as_stable(items, piece):
    assert sorted_in_turns(items, key=lambda item: item[0], piece=piece) == sorted(
        items, key=lambda item: item[0]
    )


def test_freeing_in_turns_empties_every_mapping_and_the_attributes():
    class Sheet:
        pass

    sheet = Sheet()
    table = {row: {col: f"{row}:{col}" for col in range(3)} for row in range(10)}
    sheet.table, sheet.name = table, "blad"
    free_in_turns(vars(sheet))
    assert vars(sheet) == {} and table == {}


@given(st.text(), st.integers(1, 64), st.booleans())
def test_text_decoded_in_pieces_is_the_same_text(text, piece, bom):
    data = (files.UTF8_BOM if bom else b"") + text.encode("utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(files, "DECODE_PIECE", piece)  # pieces that cut characters apart
        assert files.decode_text(files.Path("x.csv"), data) == text


def test_a_fault_found_in_a_later_piece_names_its_line_and_byte(monkeypatch):
    monkeypatch.setattr(files, "DECODE_PIECE", 4)
    data = "rad ett\nrad två\nrad\xa0tre\n".encode().replace(b"\xc2\xa0", b"\xa0")
    with pytest.raises(files.FileProblem) as raised:
        files.decode_text(files.Path("x.csv"), data)
    offset = data.index(b"\xa0")
    assert f"byte {offset + 1} på rad 3" in raised.value.message


def test_what_a_block_keeps_is_out_of_the_collectors_sight_before_it_runs_again():
    # Frozen only after the collector was on again, the first allocation set off a
    # collection of everything the block made (160 ms at 100 000 entries).
    import gc

    from fkstod.core.collector import no_collection

    collections = []

    def seen(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        frozen = gc.get_freeze_count()
        with no_collection(keep=True):
            kept = [[n] for n in range(50_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + 50_000
        assert gc.get_count()[0] < 1_000  # nothing made in the block waits to be walked
        assert collections == []
    finally:
        gc.callbacks.remove(seen)
    assert len(kept) == 50_000

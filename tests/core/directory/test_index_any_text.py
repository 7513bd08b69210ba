"""The smaller index (issue 15, memory) answers any text typed as the reference index does.

Digits only, punctuation, very long input, emoji, bidi marks, ß, combining accents.
"""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fkstod.core.directory.index import DirectoryIndex
from fkstod.core.directory.service import load_shipped
from tests.benchmarks.data import generate
from tests.core.directory import directory_index_reference as reference

ODD = "jourvåldstöd 0123-ß\u0301\u0308\u200f\u202e\u00a0😀"


@pytest.fixture(scope="module")
def indexes():
    entries = load_shipped() + generate(2000, seed=11)
    random.Random(5).shuffle(entries)
    return DirectoryIndex(entries), reference.DirectoryIndex(entries)


def _same(new, old, query: str, **options) -> None:
    got, want = new.search(query, **options), old.search(query, **options)
    assert [e.id for e in got.entries] == [e.id for e in want.entries], query
    assert (got.total, got.open_ids) == (want.total, want.open_ids), query


@settings(max_examples=300, deadline=None)
@given(
    query=st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8", exclude_categories=("Cs",)), st.sampled_from(ODD)
        ),
        max_size=40,
    ),
    options=st.sampled_from(
        [{}, {"kommun": "1280"}, {"kommun": "0305", "needs": ["socialtjanst"]}, {"limit": 3}]
    ),
)
def test_any_text_typed_gives_the_reference_results(indexes, query, options) -> None:
    new, old = indexes
    _same(new, old, query, now=datetime(2026, 11, 23, 10), **options)


@pytest.mark.parametrize("query", ["a" * 5000, "jour " * 500, "1" * 300, "ß" * 100, "\u0301" * 50])
def test_very_long_input_gives_the_reference_results(indexes, query) -> None:
    new, old = indexes
    _same(new, old, query, now=datetime(2026, 11, 23, 10))

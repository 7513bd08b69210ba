"""An outline (the handout, ``fkstod flows outline``) names its sources as a reader looks them up."""

from __future__ import annotations

import pytest

from fkstod.core.flows.library import load_library
from fkstod.core.flows.outline import FORMATS, cited, outline


@pytest.fixture(scope="module")
def library():
    return load_library()


def test_no_outline_names_a_file_of_the_project(library):
    # The flows' source titles say which seed document a rule was read from
    # ("underlag: seeds/…txt"), for whoever checks the flow; a trainer's handout
    # shows the document's own name and number, which a reader can look up.
    for flow in library.flows.values():
        for fmt in FORMATS:
            text = outline(flow, fmt)
            assert "seeds/" not in text, (flow.id, fmt)
            assert "underlag:" not in text, (flow.id, fmt)


def test_the_public_reference_and_the_point_stay():
    title = (
        "Försäkringskassan, redovisning av regeringsuppdraget 2022–2024, A 2022/00842 "
        "(underlag: seeds/002_ef4a9852eae156e6.txt): fråga vid indikation"
    )
    assert cited(title) == (
        "Försäkringskassan, redovisning av regeringsuppdraget 2022–2024, A 2022/00842: "
        "fråga vid indikation"
    )
    assert cited("Brottsbalken (1962:700) 4 kap.") == "Brottsbalken (1962:700) 4 kap."
    assert cited("WHO (underlag: seeds/a.txt)") == "WHO"
    assert cited("Metodstöd, 2023 (beskrivet i A 2022/00842, underlag: seeds/b.txt)") == (
        "Metodstöd, 2023 (beskrivet i A 2022/00842)"
    )

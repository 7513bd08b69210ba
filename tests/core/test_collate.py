"""Swedish alphabetical order for every list fkstod sorts by name."""

from fkstod.core import kommuner
from fkstod.core.collate import swedish_key


def test_a_to_z_then_a_ring_a_umlaut_o_umlaut():
    names = [
        "Öppna",
        "Äldre",
        "Åby",
        "Zeta",
        "Anhöriga",
        "ängel",
        "Émile",
        "Eda",
        "Müller",
        "Mycket",
    ]
    assert sorted(names, key=swedish_key) == [
        "Anhöriga",
        "Eda",
        "Émile",
        "Mycket",
        "Müller",  # ü with y, as Swedish sorts it
        "Zeta",
        "Åby",
        "Äldre",
        "ängel",
        "Öppna",
    ]


def test_the_municipalities_end_with_a_ring_a_umlaut_o_umlaut_in_that_order():
    ordered = [k.namn for k in sorted(kommuner.kommuner(), key=lambda k: swedish_key(k.namn))]
    firsts = [name[0] for name in ordered]
    tail = firsts[firsts.index("Å") :]
    assert tail == sorted(tail, key="ÅÄÖ".index)
    assert ordered[-1].startswith("Ö") and ordered[0].startswith("A")

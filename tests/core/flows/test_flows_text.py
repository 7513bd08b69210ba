"""Phone numbers in flow text stay on one line on screen."""

import pytest

from fkstod.core.flows.text import NBSP, keep_numbers_together


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Ring 020-50 50 50 (dygnet runt).", f"Ring 020-50{NBSP}50{NBSP}50 (dygnet runt)."),
        ("Polisen 114 14, BRIS 116 111.", f"Polisen 114{NBSP}14, BRIS 116{NBSP}111."),
        ("Stödtelefonen 010-223 57 60", f"Stödtelefonen 010-223{NBSP}57{NBSP}60"),
        ("Välj att sluta 020-555 666.", f"Välj att sluta 020-555{NBSP}666."),
    ],
)
def test_spaces_inside_a_number_do_not_break(text, shown):
    assert keep_numbers_together(text) == shown


@pytest.mark.parametrize(
    "text",
    ["Ring 112 nu.", "Självmordslinjen 90101", "Det gäller 3 barn och 2 vuxna.", "Steg 2 av 5"],
)
def test_words_around_numbers_still_break(text):
    assert keep_numbers_together(text) == text

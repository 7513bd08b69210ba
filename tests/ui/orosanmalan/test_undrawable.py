"""Characters no font can draw: said on the page, and never an empty box on paper.

A private-use character of plane 16 stands for them: no font has it, here or on
the build machine. An emoji is one too where no emoji font is installed (this
Linux image); where one is, it is drawn and nothing is said.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFont

from fkstod.core.orosanmalan import example_input, parse_form, render_orosanmalan
from fkstod.qt.glyphs import REPLACEMENT, drawable, undrawable
from fkstod.qt.render_pdf import PageDecor, pdf_bytes, report_font
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard

NO_FONT = "\U0010fffd"
SEEN = f"Barnet skrev {NO_FONT} i ett meddelande."


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_character_no_font_has_is_found_and_letters_are_not(qapp):
    font = QFont()
    assert undrawable("Åsa Öberg, Malmö – é ß", font) == ""
    assert undrawable(f"a{NO_FONT}b{NO_FONT}", font) == NO_FONT
    assert drawable(f"a{NO_FONT}b", font) == f"a{REPLACEMENT}b"


def test_the_pdf_shows_a_mark_where_no_font_has_the_character(qapp):
    form = parse_form({**example_input(), "egna_iakttagelser": SEEN})
    html = render_orosanmalan(form, "html", 0)
    text = pdf_text(pdf_bytes(html, PageDecor(form.datum, "")))
    assert NO_FONT not in text  # it would be painted as the font's empty box
    assert f"skrev {REPLACEMENT} i ett" in " ".join(text.split())


@pytest.mark.parametrize("emoji", ["👍", "👧🏽"])
def test_whatever_the_pdf_cannot_draw_is_replaced_not_boxed(qapp, emoji):
    """The same rule for any character, drawable here or not."""
    form = parse_form({**example_input(), "egna_iakttagelser": f"Hon skrev {emoji} till mig."})
    text = pdf_text(pdf_bytes(render_orosanmalan(form, "html", 0), PageDecor(form.datum, "")))
    for ch in undrawable(emoji, report_font()):
        assert ch not in text


def test_the_page_says_which_field_holds_a_character_that_cannot_be_printed(qtbot):
    page = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Socialtjänsten")
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    page._refresh_preview()
    assert "Allt som behövs är ifyllt" in page.problems.text()
    page.form.egna_iakttagelser.setPlainText(SEEN)
    page.form.child_editor(0).namn.setText(f"Saga {NO_FONT}")
    page._refresh_preview()
    shown = page.problems.text()
    assert f"Råd: Barn 1, namn: ”{NO_FONT}” finns inte i något teckensnitt" in shown
    assert f"Det här har jag själv sett eller hört: ”{NO_FONT}”" in shown
    assert "⚠" not in shown  # advice: the report can still be written

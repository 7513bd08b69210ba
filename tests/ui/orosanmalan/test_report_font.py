"""The report's font: one place decides it, the PDF is painted in it, the check judges in it.

``render_pdf.report_font`` is that place. A template's style sheet names a
family too (``font-family: sans-serif``); the painting must not follow it
instead, or a character judged drawable in one font is painted in another (a
box on paper). The check on the page asks the same font: a font is injected
here that lacks a character the application's default font draws, and the
page's advice and the PDF's mark both follow the injected one.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFont

from fkstod.core.orosanmalan import example_input, parse_form, render_orosanmalan
from fkstod.qt import render_pdf
from fkstod.qt.glyphs import REPLACEMENT, undrawable
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard

#: Drawn by the default font (a CJK font's fallback on this image), not by DejaVu Serif alone.
CJK = "中"


def _families(doc) -> set[tuple[str, ...]]:
    found = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            found.add(tuple(it.fragment().charFormat().font().families()))
            it += 1
        block = block.next()
    return found


def _pdf(form) -> bytes:
    return render_pdf.pdf_bytes(
        render_orosanmalan(form, "html", 0), render_pdf.PageDecor(form.datum, "")
    )


def _pdf_fonts(data: bytes) -> set[str]:
    return {
        str(ref.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for ref in page["/Resources"]["/Font"].values()
    }


@pytest.mark.parametrize("family", [render_pdf.REPORT_FAMILY, "DejaVu Serif"])
def test_every_character_of_the_report_is_in_the_report_font(qapp, monkeypatch, family):
    monkeypatch.setattr(render_pdf, "REPORT_FAMILY", family)
    form = parse_form(example_input())
    html = render_orosanmalan(form, "html", 0)
    assert "font-family: sans-serif" in html  # the template asks for a family of its own
    doc = render_pdf.report_document(html)
    assert _families(doc) == {(family,)}
    assert render_pdf.report_font().families() == [family]
    if family == "DejaVu Serif":  # what the PDF embeds follows, not the style sheet
        fonts = _pdf_fonts(_pdf(form))
        assert "/DejaVuSerif" in fonts and "/DejaVuSans" not in fonts, fonts


def test_the_check_and_the_pdf_judge_in_the_report_font_not_the_default(qtbot, monkeypatch):
    if undrawable(CJK, QFont()):
        pytest.skip("no font here draws the CJK character")

    def serif_only() -> QFont:  # a report font without the character, and no fallback
        font = QFont()
        font.setFamilies(["DejaVu Serif"])
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
        font.setPointSizeF(render_pdf.BODY_POINT_SIZE)
        return font

    monkeypatch.setattr(render_pdf, "report_font", serif_only)
    page = OrosanmalanPage(FakeDialogs(), lookup_socialtjanst=lambda code: "Socialtjänsten")
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    seen = f"Barnet skrev {CJK} i ett meddelande."
    page.form.egna_iakttagelser.setPlainText(seen)
    page._refresh_preview()
    assert f"Det här har jag själv sett eller hört: ”{CJK}” finns inte" in page.problems.text()
    form = parse_form({**example_input(), "egna_iakttagelser": seen})
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(_pdf(form))).pages).split()
    )
    assert f"skrev {REPLACEMENT} i ett" in text

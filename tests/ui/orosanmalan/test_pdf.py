"""PDF output: A4, Swedish letters, page numbers, date, and the protected-data mark on every page."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from fkstod.core.orosanmalan import example_input, page_mark, parse_form, render_orosanmalan
from fkstod.qt.render_pdf import PageDecor, pdf_bytes

ADDRESS_WORDS = ("Påhittade gatan", "070-000 00 01", "Exempelskolan", "Förskolan Ekorren", "752 00")


def pages_text(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    # The extractor separates words with tabs: compare words, not whitespace.
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_for(qapp, **changes) -> tuple[bytes, object]:
    form = parse_form({**example_input(), **changes})
    mark = page_mark() if form.skyddade_personuppgifter else ""
    return pdf_bytes(render_orosanmalan(form, "html", 0), PageDecor(form.datum, mark)), form


def test_pdf_is_a4_with_swedish_letters_date_and_page_numbers(qapp):
    data, _ = pdf_for(qapp)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    texts = pages_text(data)
    assert "Orosanmälan – anmälan om oro för barn" in texts[0]
    assert "Socialnämnden i Uppsala kommun" in texts[0]
    assert "Vårdnadshavarna känner till anmälan" in " ".join(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Orosanmälan 2025-09-15 · Sida {number} av {len(texts)}" in text
    assert reader.metadata.title == "Orosanmälan"  # no names in the metadata


def test_a_long_report_runs_over_pages_and_numbers_each(qapp):
    data, _ = pdf_for(qapp, egna_iakttagelser="Något jag såg. " * 600)
    texts = pages_text(data)
    assert len(texts) >= 2
    assert f"Sida {len(texts)} av {len(texts)}" in texts[-1]


@pytest.mark.parametrize("index", [0, 1])
def test_protected_data_pdf_has_no_address_and_a_mark_on_every_page(qapp, index):
    form = parse_form(
        {**example_input(), "skyddade_personuppgifter": True, "egna_iakttagelser": "Text. " * 900}
    )
    data = pdf_bytes(render_orosanmalan(form, "html", index), PageDecor(form.datum, page_mark()))
    texts = pages_text(data)
    assert len(texts) >= 2
    for text in texts:
        assert "SKYDDADE PERSONUPPGIFTER" in text
        for word in ADDRESS_WORDS:
            assert word not in text
    raw = data.decode("latin-1")
    assert "Påhittade" not in raw and "070-000" not in raw


def test_hostile_text_comes_out_literally_in_the_pdf(qapp):
    data, _ = pdf_for(qapp, egna_iakttagelser="{{ 7*7 }} <script>alert(1)</script>")
    text = " ".join(pages_text(data))
    assert "{{ 7*7 }}" in text and "<script>alert(1)</script>" in text


def text_positions(page) -> list[tuple[float, float, str]]:
    """Return (x, y, text) of every piece of text on a PDF page, in points."""
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_the_report_lines_up_with_the_page_margin_like_header_and_footer(qapp):
    data, _ = pdf_for(qapp, skyddade_personuppgifter=True)
    page = PdfReader(io.BytesIO(data)).pages[0]
    left_margin_pt = 20 / 25.4 * 72
    positions = text_positions(page)
    heading = next(x for x, _y, text in positions if text.startswith("Orosanmälan") and "–" in text)
    mark = next(x for x, _y, text in positions if "sekretess" in text)
    assert heading == pytest.approx(left_margin_pt, abs=0.5)
    assert mark == pytest.approx(left_margin_pt, abs=0.5)


def test_every_line_is_in_the_pdf_text_once_across_page_breaks(qapp):
    lines = [f"Rad {i:02d}: jag hörde skrik genom väggen under kvällen." for i in range(90)]
    data, _ = pdf_for(qapp, egna_iakttagelser="\n".join(lines))
    words = " ".join(pages_text(data))
    assert len(pages_text(data)) >= 2
    for i in range(90):
        assert words.count(f"Rad {i:02d}:") == 1, f"Rad {i:02d}"

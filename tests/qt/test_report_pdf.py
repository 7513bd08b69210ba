"""The report's PDF: every indicator named in full, every page's table readable."""

import io
import unicodedata

from pypdf import PdfReader

from fkstod.core.usage.indicators import INDICATORS, build_report
from fkstod.qt.charts import report_pdf
from fkstod.qt.render_pdf import a4_layout
from tests.core.usage.test_usage_linked_tables import cells_of


def test_every_indicator_is_named_in_full_in_the_pdf(qapp):
    calls = [("sjukpenning", None, None)] * 40 + [("sjukpenning", None, "not_asked_ombud")] * 9
    report = build_report(cells_of(calls), period="month")
    reader = PdfReader(io.BytesIO(report_pdf(report)))
    text = " ".join(unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages)
    words = " ".join(text.split())
    for indicator in INDICATORS:
        assert indicator.title in words, indicator.title
    assert "…" not in words


def test_every_benefit_heading_is_inside_its_column_in_the_pdf(qapp):
    # A column was narrower than "Aktivitetsersättning" in the heading's font: the
    # word ran out of its column to the left and its start was lost
    # ("tivitetsersättning"). Every heading's words start inside its own column.
    benefits = ("sjukpenning", "aktivitetsersattning", "underhallsstod")
    calls = [(b, None, None) for b in benefits for _ in range(12)]
    report = build_report(cells_of(calls), period="month")
    names = [report.benefit_name(code) for code in report.benefits]
    assert "Aktivitetsersättning" in names
    width = a4_layout().paintRectPixels(150).width()  # as report_pdf paints the table
    first = width * 0.34
    other = (width - first) / len(names)
    starts: list[tuple[str, float]] = []

    def seen(text, _cm, tm, _font, _size):
        if text.strip():
            starts.append((" ".join(text.split()), tm[4]))

    PdfReader(io.BytesIO(report_pdf(report))).pages[-1].extract_text(visitor_text=seen)
    for c, name in enumerate(names):
        parts = [(t, x) for t, x in starts if t and t in name and t not in ("och",)]
        assert parts, name
        left = first + c * other + 4  # the heading's own rectangle, as painted
        for text, x in parts:
            assert x >= left - 0.5, (name, text, x, left)

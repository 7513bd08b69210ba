"""The report's PDF: every indicator named in full, every page's table readable."""

import io
import unicodedata

from pypdf import PdfReader

from fkstod.core.usage.indicators import INDICATORS, build_report
from fkstod.qt.charts import report_pdf
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

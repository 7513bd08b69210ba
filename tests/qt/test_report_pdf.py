"""The report's PDF: every indicator named in full, every page's table readable."""

import io
import math
import re
import shutil
import subprocess
import unicodedata

import pytest
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


def longest_report():
    """A report of many units and every benefit, the longest names among them."""
    from fkstod.core.vocabulary import BENEFITS

    units = [f"enhet{i:02d}" for i in range(12)]
    calls = [(b, u, None) for b in BENEFITS for u in units for _ in range(6)]
    report = build_report(cells_of(calls), period="month")
    names = [report.benefit_name(code) for code in report.benefits]
    assert "Aktivitetsersättning" in names and "Rehabiliteringsersättning" in names
    return report, names


def font_sizes(pdf: bytes) -> dict[float, list[str]]:
    """Return the size in points of every piece of text in ``pdf``, with the texts."""
    sizes: dict[float, list[str]] = {}

    def seen(text, cm, tm, _font, size):
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes.setdefault(round(size * scale, 2), []).append(text.strip())

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=seen)
    return sizes


def test_no_text_in_the_pdf_is_smaller_than_8_pt(qapp):
    # The table's headings shrank to 3-6 pt so that "Aktivitetsersättning" fitted its
    # column: too small on paper. They wrap at words and compound joints now.
    report, _names = longest_report()
    sizes = font_sizes(report_pdf(report))
    smallest = min(sizes)
    assert smallest >= 8.0 - 0.05, (smallest, sizes[smallest][:5])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_every_benefit_heading_is_whole_in_its_own_place_in_the_pdf(qapp, tmp_path):
    # A heading wider than its column ran into its neighbour or lost its start
    # ("tivitetsersättning"). Every heading's words are on the page, whole, none
    # over another's, and read together they give the benefit's name.
    report, names = longest_report()
    out = tmp_path / "rapport.pdf"
    out.write_bytes(report_pdf(report))
    html = subprocess.run(
        ["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    tables = 0
    for page_w, _page_h, body in pages:
        words = [
            (float(a), float(b), float(c), float(d), t) for a, b, c, d, t in word.findall(body)
        ]
        body_top = next((y for _x, y, _x2, _y2, t in words if t == "Flöden"), None)
        if body_top is None or not any(t == "Indikator" for *_r, t in words):
            continue  # a page of charts
        tables += 1
        heads = [w for w in words if w[3] <= body_top and w[4] != "Indikator" and w[1] > 40]
        for a in heads:
            assert a[0] >= 0 and a[2] <= float(page_w), a
            for b in heads:
                if a is not b and abs(a[1] - b[1]) < 1:
                    assert a[2] <= b[0] or b[2] <= a[0], (a, b)  # not over each other
        text = " ".join(t for *_r, t in sorted(heads, key=lambda w: (w[0] // 1, w[1])))
        joined = text.replace("- ", "")
        for name in names:
            for piece in name.split():
                assert piece in joined.split() or piece in joined, (piece, text)
    assert tables == len(report.periods)


def test_a_compound_breaks_only_at_a_joint():
    from fkstod.qt.charts import heading_pieces

    assert heading_pieces("Aktivitetsersättning") == ["Aktivitets-", "ersättning"]
    assert heading_pieces("Underhållsstöd") == ["Underhålls-", "stöd"]
    assert heading_pieces("Sjukpenning och rehabilitering") == [
        "Sjuk-",
        "penning",
        "och",
        "rehabilitering",
    ]
    assert heading_pieces("Övriga förmåner") == ["Övriga", "förmåner"]
    assert heading_pieces("stöd") == ["stöd"]  # no part of its own before it

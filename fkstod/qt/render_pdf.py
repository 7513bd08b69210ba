"""Lay out a report's HTML on A4 pages with Qt: PDF and print share one painter.

Outside ``fkstod.core`` because it needs Qt (QtGui); it takes the HTML that core
renders, adds a footer with the date and page numbers, and, when the report holds
protected personal data, a mark at the top of every page.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from fkstod.core.i18n import _
from fkstod.qt.glyphs import drawable, undrawable

PDF_RESOLUTION = 300
MARGINS_MM = QMarginsF(20, 18, 20, 18)
BODY_POINT_SIZE = 10.5
#: The family every report is painted in, whatever its template's style sheet asks
#: for: the shipped template asks for this one, so the preview looks like the paper.
REPORT_FAMILY = "sans-serif"


@dataclass(frozen=True)
class PageDecor:
    """What goes on every page besides the report itself."""

    datum: str
    mark: str = ""

    def footer(self, page: int, pages: int) -> str:
        """Return the footer line of page ``page`` (1-based) of ``pages``."""
        return _("Orosanmälan {datum}  ·  Sida {page} av {pages}").format(
            datum=self.datum, page=page, pages=pages
        )


def ensure_gui_application() -> QGuiApplication:
    """Return the running Qt application, starting a headless one when there is none.

    The command line has no window; Qt still needs an application for fonts.
    """
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication([sys.argv[0] if sys.argv else "fkstod"])
    return app  # type: ignore[return-value]


def a4_layout() -> QPageLayout:
    """Return the A4 portrait page layout reports use."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


def report_font() -> QFont:
    """Return the font a report is painted in: the one place that decides it.

    The painting (``report_document``) and the check of what it cannot draw
    (``undrawable_in_report``) both take it from here; headings are the same family.
    """
    font = QFont()
    font.setFamilies([REPORT_FAMILY])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


def undrawable_in_report(text: str) -> str:
    """Return the characters of ``text`` the report's font cannot draw (see ``glyphs``)."""
    return undrawable(text, report_font())


def report_document(html: str, device: QPagedPaintDevice | None = None) -> QTextDocument:
    """Return ``html`` as the document a report is painted from, in ``report_font`` only.

    A template's style sheet may name a family (``font-family: sans-serif``); Qt would
    paint in that one, and a character checked in one font would be painted in
    another. Every character gets the report font's family and fallback here, so what
    ``undrawable_in_report`` finds is what the paper shows: U+FFFD, never a box.
    """
    font = report_font()
    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)  # the page margins are the margins: text lines up with the footer
    doc.setDefaultFont(font)
    doc.setHtml(drawable(html, font))  # no empty boxes where no font has the character
    family = QTextCharFormat()
    family.setFontFamilies(font.families())
    family.setFontStyleHint(font.styleHint(), font.styleStrategy())
    everything = QTextCursor(doc)
    everything.select(QTextCursor.SelectionType.Document)
    everything.mergeCharFormat(family)  # keeps each part's size, weight and slant
    return doc


def paint_report(device: QPagedPaintDevice, html: str, decor: PageDecor) -> int:
    """Lay out ``html`` on the pages of ``device`` (a PDF writer or printer).

    Returns:
        The number of pages painted.
    """
    font = report_font()
    small = QFont(font)
    small.setPointSizeF(BODY_POINT_SIZE * 0.85)
    bold = QFont(font)
    bold.setBold(True)

    width, height = float(device.width()), float(device.height())
    line = QFontMetricsF(small, device).height()
    header = QFontMetricsF(bold, device).height() * 2 if decor.mark else 0.0
    footer = line * 2
    body = QSizeF(width, height - header - footer)

    doc = report_document(html, device)
    doc.setPageSize(body)
    pages = max(1, doc.pageCount())

    painter = QPainter(device)
    try:
        for page in range(pages):
            if page:
                device.newPage()
            if decor.mark:
                painter.setFont(bold)
                painter.drawText(
                    QRectF(0, 0, width, header * 0.7),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    decor.mark,
                )
                painter.setPen(QPen(Qt.GlobalColor.black, device.logicalDpiY() / 72))
                painter.drawLine(0, int(header * 0.8), int(width), int(header * 0.8))
            painter.save()
            painter.translate(0, header - page * body.height())
            # The layout pushes a line that would cross a page break down to the next
            # page, so it starts exactly at the break. A clip that includes its own edges
            # makes Qt draw that line, clipped out of sight, on the previous page too,
            # and text extraction would find it twice: keep one unit inside each edge.
            doc.drawContents(painter, QRectF(0, page * body.height() + 1, width, body.height() - 2))
            painter.restore()
            painter.setFont(small)
            painter.drawText(
                QRectF(0, height - line, width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                decor.footer(page + 1, pages),
            )
    finally:
        painter.end()
    return pages


def pdf_bytes(html: str, decor: PageDecor) -> bytes:
    """Return the report as a PDF document: A4, fonts embedded, decor on every page."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(a4_layout())
    # No names in the metadata: only what is on every report.
    writer.setTitle(_("Orosanmälan"))
    writer.setCreator("fkstod")
    paint_report(writer, html, decor)
    del writer  # the writer finishes the file when it goes away
    buffer.close()
    return bytes(data.data())

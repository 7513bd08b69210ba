"""A training case as one PDF for participants: the case, its flow outline and its diagram.

Every page says "ÖVNING – fiktivt fall" at the top. The trainer's notes and the
caller's lines are not in it: the handout is for the people who practise.
The bytes go to ``fkstod.core.files.write_file`` (the caller writes them).
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPainter, QPen, QTextDocument

from fkstod.core.flows import FlowLibrary
from fkstod.core.flows.outline import outline
from fkstod.core.i18n import _
from fkstod.core.orosanmalan import training_mark
from fkstod.core.training import CONVERSATION_STEPS, FICTIONAL, Case
from fkstod.core.vocabulary import BENEFITS
from fkstod.qt.diagram import Picture, _memory, diagram_for, paint_fitted, pdf_writer
from fkstod.qt.render_pdf import ensure_gui_application

BODY_POINT_SIZE = 10.5


def case_html(case: Case, library: FlowLibrary) -> str:
    """Return the case and its flow outline as one HTML document (what participants read)."""
    e = html.escape
    flow = library.get(case.flow)
    parts = [
        f"<h1>{e(case.title)}</h1>",
        f"<p><b>{e(FICTIONAL)}.</b> "
        + e(_("Personen och situationen är påhittade. Inget räknas och inget sparas."))
        + "</p>",
        f"<p><b>{e(_('Innehåll'))}:</b> {e(case.content_warning)}</p>",
        f"<p><b>{e(_('Förmån'))}:</b> {e(BENEFITS.get(case.benefit, case.benefit))} · "
        f"<b>{e(_('Flöde'))}:</b> {e(flow.title)}</p>",
        f"<p><b>{e(case.person.name)}</b>, {case.person.age} {e(_('år'))}, {e(case.person.place)}. "
        f"{e(case.person.about)}</p>",
        f"<p>{e(case.story)}</p>",
    ]
    if case.goals:
        parts.append(f"<h2>{e(_('Lärandemål'))}</h2><ul>")
        for goal in case.goals:
            step = CONVERSATION_STEPS.get(goal.step, "")
            parts.append(f"<li>{e(goal.text)} <i>({goal.step}. {e(step)})</i></li>")
        parts.append("</ul>")
    discussion = case.discussion()
    if discussion:
        parts.append(f"<h2>{e(_('Att diskutera'))}</h2><ul>")
        parts += [f"<li>{e(q)}</li>" for q in discussion]
        parts.append("</ul>")
    titles = {f.id: f.title for f in library.flows.values()}
    body = outline(flow, "html", titles)
    match = re.search(r"<body>(.*)</body>", body, re.S)
    parts.append(f"<h2>{e(_('Flödet steg för steg'))}</h2>")
    parts.append(match.group(1) if match else f"<pre>{e(outline(flow, 'text', titles))}</pre>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def handout_pdf(case: Case, library: FlowLibrary) -> bytes:
    """Return the handout of ``case``: its text pages, then its diagram on a page of its own."""
    ensure_gui_application()
    data, buffer = _memory()
    writer = pdf_writer(buffer, _("Övningsfall: {title}").format(title=case.title), False)
    font = QFont()
    font.setPointSizeF(BODY_POINT_SIZE)
    bold = QFont(font)
    bold.setBold(True)
    small = QFont(font)
    small.setPointSizeF(BODY_POINT_SIZE * 0.85)
    width, height = float(writer.width()), float(writer.height())
    header = QFontMetricsF(bold, writer).height() * 2
    footer = QFontMetricsF(small, writer).height() * 2
    body = QSizeF(width, height - header - footer)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setHtml(case_html(case, library))
    doc.setPageSize(body)
    text_pages = max(1, doc.pageCount())
    pages = text_pages + 1
    mark = training_mark()

    picture = Picture(
        diagram_for(library.get(case.flow)), {f.id: f.title for f in library.flows.values()}
    )
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page == text_pages and picture.width > picture.height:
                # A wide diagram gets a landscape page (the change applies from the next page).
                writer.setPageOrientation(QPageLayout.Orientation.Landscape)
            if page:
                writer.newPage()
                width, height = float(writer.width()), float(writer.height())
            painter.setFont(bold)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(
                QRectF(0, 0, width, header * 0.7),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                mark,
            )
            painter.setPen(QPen(Qt.GlobalColor.black, writer.logicalDpiY() / 72))
            painter.drawLine(0, int(header * 0.8), int(width), int(header * 0.8))
            if page < text_pages:
                painter.save()
                painter.translate(0, header - page * body.height())
                doc.drawContents(
                    painter, QRectF(0, page * body.height() + 1, width, body.height() - 2)
                )
                painter.restore()
            else:
                paint_fitted(painter, picture, QRectF(0, header, width, height - header - footer))
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawText(
                QRectF(0, height - footer / 2, width, footer / 2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _("{mark} · {title} · Sida {page} av {pages}").format(
                    mark=mark, title=case.title, page=page + 1, pages=pages
                ),
            )
    finally:
        painter.end()
    del writer
    buffer.close()
    return bytes(data.data())

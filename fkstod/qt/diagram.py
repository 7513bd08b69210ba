"""Paint a flow's diagram with Qt: one painting function for the screen, PNG, SVG and PDF.

The layout is core's (:func:`fkstod.core.flows.layout.layout_flow`); this module
measures the boxes with real font metrics, paints them, and turns the painting
into bytes for a file (written by the caller through ``fkstod.core.files``).

Shapes tell the kinds of step apart, not only colour: a question is a box with
rounded corners and a "?" tab, information a plain rectangle, a checklist a
rectangle with a bar down its left side, an end a stadium with a double border.
The planned path is drawn thick, the path taken dashed (both: thick and dashed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from fkstod.core.flows.layering import NEXT
from fkstod.core.flows.layout import (
    Diagram,
    Edge,
    Node,
    label_text,
    layout_flow,
)
from fkstod.core.flows.model import Flow
from fkstod.core.i18n import _

#: The text size, in diagram units, the diagram is laid out and painted at. A pixel size,
#: not points: the units are the painter's, whatever the device's resolution.
PIXEL_SIZE = 13
PAD_X, PAD_Y = 14.0, 9.0
LEGEND_LINES = 4
#: The frame around the step shown (the presenter's console), in diagram units.
CURRENT_WIDTH = 3.0

INK = QColor("#1a1a1a")
PLANNED = QColor("#0b5cad")
TAKEN = QColor("#a04000")
FILL = {
    "question": QColor("#eef4fb"),
    "info": QColor("#ffffff"),
    "checklist": QColor("#f6f6ef"),
    "outcome": QColor("#eef7ee"),
}


def diagram_font() -> QFont:
    """Return the font the diagram is measured and painted with."""
    font = QFont()
    font.setPixelSize(PIXEL_SIZE)
    return font


def measure_with(font: QFont):
    """Return a ``measure(title, kind)`` for :func:`layout_flow` using real font metrics."""
    metrics = QFontMetricsF(font)

    def measure(title: str, kind: str) -> tuple[float, float]:
        width = metrics.horizontalAdvance(title) + 2 * PAD_X
        if kind == "question":
            width += metrics.height()  # the "?" tab
        elif kind == "outcome":
            width += metrics.height()  # the round ends
        elif kind == "checklist":
            width += PAD_X
        return max(90.0, width), metrics.height() + 2 * PAD_Y

    return measure


def label_font(font: QFont) -> QFont:
    """Return the smaller font the arrows' labels are measured and painted with."""
    small = QFont(font)
    small.setPixelSize(max(8, round(font.pixelSize() * 0.9)))
    return small


def measure_label_with(font: QFont):
    """Return a ``measure_label(text)`` for :func:`layout_flow`: the label's box in ``font``."""
    metrics = QFontMetricsF(font)

    def measure_label(text: str) -> tuple[float, float]:
        return metrics.horizontalAdvance(text) + 6, metrics.height()

    return measure_label


def diagram_for(flow: Flow, font: QFont | None = None) -> Diagram:
    """Return ``flow`` laid out with the painter's font metrics (boxes and labels)."""
    font = font or diagram_font()
    return layout_flow(flow, measure_with(font), measure_label_with(label_font(font)))


def edge_text(edge: Edge) -> str:
    """Return the text drawn beside an arrow: its label, and the jump's key when it has one."""
    return label_text(edge.label, edge.jump, edge.jump_key)


KIND_NAMES = {
    "question": _("fråga"),
    "info": _("information"),
    "checklist": _("checklista"),
    "outcome": _("slut"),
}


@dataclass(frozen=True)
class Marks:
    """What to highlight: the planned path, the path taken and the step shown."""

    planned_steps: frozenset[str] = frozenset()
    planned_arrows: frozenset[tuple[str, int]] = frozenset()
    taken_steps: frozenset[str] = frozenset()
    taken_arrows: frozenset[tuple[str, int]] = frozenset()
    current: str = ""

    @staticmethod
    def of(
        planned: tuple[Iterable[str], Iterable[tuple[str, int]]] | None = None,
        taken: tuple[Iterable[str], Iterable[tuple[str, int]]] | None = None,
        current: str = "",
    ) -> Marks:
        """Build marks from :func:`fkstod.core.flows.layout.path_marks` results."""
        ps, pa = planned or ((), ())
        ts, ta = taken or ((), ())
        return Marks(frozenset(ps), frozenset(pa), frozenset(ts), frozenset(ta), current)


@dataclass
class Picture:
    """A diagram with its legend above it, in diagram units (points at scale 1)."""

    diagram: Diagram
    jump_titles: dict[str, str] = field(default_factory=dict)
    marks: Marks = Marks()
    font: QFont = field(default_factory=diagram_font)

    @property
    def legend_height(self) -> float:
        return QFontMetricsF(self.font).height() * (LEGEND_LINES + 0.8)

    @property
    def width(self) -> float:
        metrics = QFontMetricsF(self.font)
        widest = max((metrics.horizontalAdvance(line) for line in self.legend()), default=0.0)
        return max(self.diagram.width, widest + 32)

    @property
    def height(self) -> float:
        return self.diagram.height + self.legend_height

    def legend(self) -> list[str]:
        """Return the legend's lines: the title, the global jumps, what the shapes mean."""
        jumps = "   ".join(
            f"{j.key} {self.jump_titles.get(j.flow_id, j.flow_id)}" for j in self.diagram.jumps
        )
        own = _(" (hopp {key})").format(key=self.diagram.jump_key) if self.diagram.jump_key else ""
        paths = _(
            "Tjock linje = planerad väg · streckad = vägen som togs · [F5]–[F8] = globalt hopp"
        )
        if self.marks.current and not self.marks.planned_steps:
            # The audience's diagram: no plan drawn, so none in the legend either.
            paths = _("Streckad linje och kant = vägen som togs · [F5]–[F8] = globalt hopp")
        if self.marks.current:
            paths = _("{paths} · tjock svart ram = steget som visas").format(paths=paths)
        return [
            f"{self.diagram.title}{own}",
            _("Globala hopp, från varje steg: {jumps}").format(jumps=jumps),
            _(
                "Rundade hörn med ? = fråga · rektangel = information · streck till vänster = "
                "checklista · dubbel rund kant = slut"
            ),
            paths,
        ]

    def paint(self, painter: QPainter) -> None:
        """Paint the legend and the diagram at the painter's current scale."""
        paint_picture(painter, self)


def _pen(color: QColor, width: float, dashed: bool = False) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _node_path(node: Node, grow: float = 0.0) -> QPainterPath:
    """The box's shape by its kind, ``grow`` larger on every side (the marks around it)."""
    rect = QRectF(node.x - grow, node.y - grow, node.w + 2 * grow, node.h + 2 * grow)
    path = QPainterPath()
    if node.kind == "outcome":
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    elif node.kind == "question":
        path.addRoundedRect(rect, 10, 10)
    else:
        path.addRect(rect)
    return path


def _paint_node(painter: QPainter, node: Node, marks: Marks, metrics: QFontMetricsF) -> None:
    planned = node.id in marks.planned_steps
    taken = node.id in marks.taken_steps
    rect = QRectF(node.x, node.y, node.w, node.h)
    path = _node_path(node)
    width = 3.0 if planned else 1.2
    color = PLANNED if planned else INK
    if node.acute:
        width += 1.0
    painter.setBrush(QBrush(FILL.get(node.kind, QColor("white"))))
    painter.setPen(_pen(color, width))
    painter.drawPath(path)
    if taken:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(TAKEN, 2.0, dashed=True))
        painter.drawPath(_node_path(node, 4))
    if node.id == marks.current:
        # Thick and dark, outside the dashes: found at a glance at arm's length.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(_pen(INK, CURRENT_WIDTH))
        painter.drawPath(_node_path(node, 8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(color, 1.0))
    text_rect = rect.adjusted(PAD_X / 2, 0, -PAD_X / 2, 0)
    if node.kind == "outcome":
        inner = QPainterPath()
        inner.addRoundedRect(rect.adjusted(3, 3, -3, -3), node.h / 2 - 3, node.h / 2 - 3)
        painter.drawPath(inner)
        text_rect = rect.adjusted(node.h / 2, 0, -node.h / 2, 0)
    elif node.kind == "question":
        tab = metrics.height()
        painter.drawLine(QPointF(node.x + tab, node.y), QPointF(node.x + tab, node.y + node.h))
        painter.drawText(QRectF(node.x, node.y, tab, node.h), Qt.AlignmentFlag.AlignCenter, "?")
        text_rect = rect.adjusted(tab + PAD_X / 2, 0, -PAD_X / 2, 0)
    elif node.kind == "checklist":
        bar = PAD_X / 2
        painter.fillRect(QRectF(node.x, node.y, bar, node.h), QBrush(color))
        text_rect = rect.adjusted(bar + PAD_X / 2, 0, -PAD_X / 2, 0)
    painter.setPen(INK)
    title = metrics.elidedText(node.title, Qt.TextElideMode.ElideRight, text_rect.width())
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, title)


def _arrow_head(painter: QPainter, a: QPointF, b: QPointF, size: float) -> None:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    ux, uy = dx / length, dy / length
    left = QPointF(b.x() - size * ux + size * 0.5 * uy, b.y() - size * uy - size * 0.5 * ux)
    right = QPointF(b.x() - size * ux - size * 0.5 * uy, b.y() - size * uy + size * 0.5 * ux)
    painter.drawPolygon(QPolygonF([b, left, right]))


def label_rects(diagram: Diagram) -> dict[int, QRectF]:
    """Return the rectangle of each arrow's label, by the arrow's index in ``diagram.edges``.

    The layout's own boxes (measured with :func:`label_font`): what is painted and what
    a tool tip answers to.
    """
    return {k: QRectF(*edge.label_box) for k, edge in enumerate(diagram.edges) if edge.text}


def _paint_edge(painter: QPainter, edge: Edge, marks: Marks) -> None:
    key = (edge.src, edge.option)
    planned = key in marks.planned_arrows
    taken = key in marks.taken_arrows
    points = [QPointF(x, y) for x, y in edge.points]
    if len(points) < 2:
        return
    color = PLANNED if planned else INK
    width = 3.0 if planned else 1.0
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(color, width, dashed=edge.back and not planned))
    painter.drawPolyline(points)
    if taken:
        painter.setPen(_pen(TAKEN, 1.6, dashed=True))
        offset = [QPointF(p.x() + 3, p.y()) for p in points]
        painter.drawPolyline(offset)
    painter.setPen(_pen(color, 1.0))
    painter.setBrush(QBrush(color))
    _arrow_head(painter, points[-2], points[-1], 7.0)


def _paint_label(painter: QPainter, edge: Edge, marks: Marks, box: QRectF) -> None:
    text = edge_text(edge)
    if not text:
        return
    color = PLANNED if (edge.src, edge.option) in marks.planned_arrows else INK
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
    painter.drawRect(box)
    painter.setPen(color)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def paint_picture(painter: QPainter, picture: Picture) -> None:
    """Paint ``picture`` (legend, then diagram) in diagram units at the painter's transform."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    font = QFont(picture.font)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    bold = QFont(font)
    bold.setBold(True)
    for n, text in enumerate(picture.legend()):
        painter.setFont(bold if n == 0 else font)
        painter.setPen(INK)
        painter.drawText(
            QRectF(16, 6 + n * line, picture.width - 32, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    painter.setFont(font)
    painter.save()
    painter.translate(0, picture.legend_height)
    small = label_font(font)
    for node in picture.diagram.nodes:
        painter.setFont(font)
        _paint_node(painter, node, picture.marks, metrics)
    painter.setFont(small)
    # The marked paths last, so that an unmarked answer on the same line does not hide them.
    marks = picture.marks
    for edge in sorted(
        picture.diagram.edges,
        key=lambda e: (
            (e.src, e.option) in marks.planned_arrows,
            (e.src, e.option) in marks.taken_arrows,
        ),
    ):
        _paint_edge(painter, edge, marks)
    # Every label after every line: answers that share a line would else paint it over
    # the labels of the answers before them.
    for k, box in label_rects(picture.diagram).items():
        _paint_label(painter, picture.diagram.edges[k], picture.marks, box)
    painter.restore()


def describe(diagram: Diagram) -> str:
    """Return the diagram as plain text, one line per step and per arrow (screen readers, tests)."""
    titles = {node.id: node.title for node in diagram.nodes}
    lines = [_("Flödet {title} som diagram.").format(title=diagram.title)]
    for node in diagram.nodes:
        lines.append(
            _("Steg {id}: {title} ({kind})").format(
                id=node.id, title=node.title, kind=KIND_NAMES.get(node.kind, node.kind)
            )
        )
    for edge in diagram.edges:
        label = edge.label or _("Fortsätt")
        jump = _(" via hopp {key}").format(key=edge.jump_key or edge.jump) if edge.jump else ""
        lines.append(
            _("Pil {src} → {dst}: {label}{jump}").format(
                src=titles.get(edge.src, edge.src),
                dst=titles.get(edge.dst, edge.dst),
                label=label,
                jump=jump,
            )
        )
    return "\n".join(lines)


def edge_tooltip(edge: Edge) -> str:
    """Return the full label of an arrow (plain text, for a tool tip)."""
    label = edge.label or _("Fortsätt")
    if edge.jump:
        label += _(" (hopp {key})").format(key=edge.jump_key or edge.jump)
    return label


def edge_key(edge: Edge) -> tuple[str, int]:
    """Return the ``(src, option)`` key of an arrow, as :func:`path_marks` gives it."""
    return (edge.src, edge.option if edge.option is not None else NEXT)


# --- files ----------------------------------------------------------------------------------

FORMATS = ("png", "svg", "pdf")


def _memory() -> tuple[QByteArray, QBuffer]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return data, buffer


def png_bytes(picture: Picture, scale: float = 2.0) -> bytes:
    """Return the picture as a PNG, ``scale`` pixels per diagram unit, on white."""
    size = QSize(int(picture.width * scale) + 1, int(picture.height * scale) + 1)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_picture(painter, picture)
    painter.end()
    data, buffer = _memory()
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def svg_bytes(picture: Picture) -> bytes:
    """Return the picture as SVG (QtSvg's QSvgGenerator, part of PySide6-Essentials)."""
    from PySide6.QtSvg import QSvgGenerator

    data, buffer = _memory()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(int(picture.width) + 1, int(picture.height) + 1)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(72)
    generator.setTitle(picture.diagram.title)
    generator.setDescription(describe(picture.diagram))
    painter = QPainter(generator)
    paint_picture(painter, picture)
    painter.end()
    buffer.close()
    return bytes(data.data())


def paint_fitted(painter: QPainter, picture: Picture, area: QRectF) -> None:
    """Paint ``picture`` scaled to fit ``area`` (device units)."""
    sx = area.width() / max(picture.width, 1.0)
    sy = area.height() / max(picture.height, 1.0)
    scale = min(sx, sy)
    painter.save()
    painter.translate(area.left(), area.top())
    painter.scale(scale, scale)
    paint_picture(painter, picture)
    painter.restore()


def pdf_writer(buffer: QBuffer, title: str, landscape: bool) -> QPdfWriter:
    """Return a PDF writer on A4 into ``buffer``, with nothing personal in its metadata."""
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("fkstod")
    return writer


def pdf_bytes(picture: Picture) -> bytes:
    """Return the picture as a one-page A4 PDF, turned to fit the diagram's shape."""
    data, buffer = _memory()
    writer = pdf_writer(buffer, picture.diagram.title, picture.width > picture.height)
    painter = QPainter(writer)
    # Paint in points (1/72 inch) as diagram units.
    ratio = writer.resolution() / 72.0
    painter.scale(ratio, ratio)
    area = QRectF(0, 0, writer.width() / ratio, writer.height() / ratio)
    paint_fitted(painter, picture, area)
    painter.end()
    del writer
    buffer.close()
    return bytes(data.data())


def export_bytes(picture: Picture, fmt: str) -> bytes:
    """Return the picture in ``fmt`` (png, svg or pdf)."""
    if fmt == "png":
        return png_bytes(picture)
    if fmt == "svg":
        return svg_bytes(picture)
    if fmt == "pdf":
        return pdf_bytes(picture)
    raise ValueError(_("okänt format {fmt}").format(fmt=fmt))

"""A flow as a diagram on screen: zoom and pan by keyboard and mouse, arrows' full labels as tips.

Painted by ``fkstod.qt.diagram`` (the same painting as the PNG, SVG and PDF
files). It starts readable: its smallest text (an arrow's label) as large as the
window's text at the text size chosen (Visa → Större text), the whole flow when
it fits so, else the view's width, read further down by scrolling. Keys: + and −
zoom, the arrows pan, 0 goes back to the start. Mouse: the
wheel pans, Ctrl + wheel zooms, dragging pans. A screen reader gets every step
and every arrow as the widget's accessible description (``steps()`` and
``arrows()`` give the same as data).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fkstod.core.flows import FlowLibrary
from fkstod.core.flows.model import Flow
from fkstod.core.i18n import _
from fkstod.qt.diagram import (
    Marks,
    Picture,
    describe,
    diagram_for,
    edge_tooltip,
    label_font,
    label_rects,
    paint_picture,
)
from fkstod.qt.focus_style import draw_focus_frame, focus_width

ZOOM_STEP = 1.2
ZOOM_MIN, ZOOM_MAX = 0.2, 5.0
PAN_STEP = 60.0
#: The largest zoom a small flow starts at, unless its text needs more to be read.
FIT_MAX = 1.5
#: Room right of a followed step before the view scrolls sideways, in diagram units.
FOLLOW_MARGIN = 16.0


class DiagramView(QWidget):
    """One flow's diagram, with the planned path, the path taken and the step shown marked."""

    def __init__(self, flow: Flow, library: FlowLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.zoom = 1.0
        self.offset = QPointF(0, 0)
        self._fitted = True
        self._follow = ""
        self._drag: QPointF | None = None
        self.set_flow(flow)

    # -- content ---------------------------------------------------------------------------

    def set_flow(self, flow: Flow) -> None:
        """Show ``flow`` (no marks), at its start (``fit``)."""
        self.flow = flow
        self.picture = Picture(
            diagram_for(flow), {f.id: f.title for f in self.library.flows.values()}
        )
        self.setAccessibleName(_("Flödet {title} som diagram").format(title=flow.title))
        self.setAccessibleDescription(describe(self.picture.diagram))
        self._fitted = True
        self.fit()

    def set_marks(
        self,
        planned: tuple[Iterable[str], Iterable[tuple[str, int]]] | None = None,
        taken: tuple[Iterable[str], Iterable[tuple[str, int]]] | None = None,
        current: str = "",
    ) -> None:
        """Highlight the planned path, the path taken and the step shown (``path_marks`` pairs)."""
        self.picture.marks = Marks.of(planned, taken, current)
        self.update()

    def steps(self) -> list[str]:
        """Return the ids of the steps drawn, in the flow's order."""
        return [node.id for node in self.picture.diagram.nodes]

    def arrows(self) -> list[tuple[str, str, str]]:
        """Return every arrow drawn as (from step, to step, label)."""
        return [(e.src, e.dst, e.label) for e in self.picture.diagram.edges]

    # -- zoom and pan ----------------------------------------------------------------------

    def fit(self) -> None:
        """Show the start: readable, the whole flow if it fits so, else the widget's width.

        Never smaller than ``readable_zoom``: at 150 % text a whole flow fitted into
        the page read at less than 100 %. A flow too tall for that is shown from its
        top at the widget's width (scrolled down with the wheel or the arrows), and
        one too wide even for that at the readable zoom, with its first step in view.
        """
        w, h = max(1, self.width()), max(1, self.height())
        readable = self.readable_zoom()
        largest = max(FIT_MAX, readable)
        whole = min(largest, w / self.picture.width, h / self.picture.height)
        zoom = whole if whole >= readable else max(readable, min(largest, w / self.picture.width))
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        # From the top; sideways, where the flow is wider than the widget, so that its
        # first step is in view (a wide flow starts in its middle, out of sight).
        first = self.picture.diagram.nodes[0] if self.picture.diagram.nodes else None
        x = 0.0
        if first is not None and (first.x + first.w + FOLLOW_MARGIN) * self.zoom > w:
            x = w / 2 - (first.x + first.w / 2) * self.zoom
            x = min(0.0, max(x, w - self.picture.width * self.zoom))
        self.offset = QPointF(x, 0)
        self.update()

    def follow(self, step_id: str, zoom: float | None = None) -> None:
        """Keep the box of ``step_id`` in the middle at a readable zoom (a long flow's step).

        The zoom is ``readable_zoom`` unless given: the steps and the answers read
        as large as every other word at the text size chosen (Visa → Större text). A flow that fits the widget at
        ``zoom`` or larger is fitted whole instead.
        """
        zoom = self.readable_zoom() if zoom is None else zoom
        self._follow = step_id
        w, h = max(1, self.width()), max(1, self.height())
        whole = min(w / self.picture.width, h / self.picture.height)
        if whole >= zoom or step_id not in self.steps():
            self._fitted = True
            self.fit()
            return
        self._fitted = False
        node = self.picture.diagram.node(step_id)
        self.zoom = zoom
        cx, cy = node.centre
        cy += self.picture.legend_height
        # Centred, but never with empty room above or left of the diagram; and sideways
        # only when the step is not in view at the left edge (the legend stays whole).
        x = 0.0 if (node.x + node.w + FOLLOW_MARGIN) * zoom <= w else w / 2 - cx * zoom
        self.offset = QPointF(min(0.0, x), min(0.0, h / 2 - cy * zoom))
        self.update()

    def readable_zoom(self) -> float:
        """Return the zoom at which the smallest text painted is as large as the window's.

        The smallest text is an arrow's label; the window's is the widget's font,
        which follows the text size chosen (Visa → Större text).
        """
        smallest = label_font(self.picture.font).pixelSize()
        return ui_pixels(self.font(), self.logicalDpiY()) / smallest

    def zoom_by(self, factor: float) -> None:
        """Zoom in (factor > 1) or out around the middle of the part of the diagram in view.

        Not around the widget's middle: a fitted diagram fills only part of a wide
        widget, and zooming around empty room would push the diagram out of view.
        """
        self._fitted = False
        self._follow = ""
        drawn = QRectF(
            self.offset, QSizeF(self.picture.width, self.picture.height) * self.zoom
        ).intersected(QRectF(self.rect()))
        centre = drawn.center() if not drawn.isEmpty() else QPointF(self.rect().center())
        before = (centre - self.offset) / self.zoom
        self.zoom = max(ZOOM_MIN, min(ZOOM_MAX, self.zoom * factor))
        self.offset = centre - before * self.zoom
        self.update()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the diagram by ``dx``, ``dy`` pixels."""
        self._fitted = False
        self._follow = ""
        self.offset = self.offset + QPointF(dx, dy)  # a new point: QPointF += changes it in place
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self._fitted = True
            self._follow = ""
            self.fit()
        elif key == Qt.Key.Key_Left:
            self.pan_by(PAN_STEP, 0)
        elif key == Qt.Key.Key_Right:
            self.pan_by(-PAN_STEP, 0)
        elif key == Qt.Key.Key_Up:
            self.pan_by(0, PAN_STEP)
        elif key == Qt.Key.Key_Down:
            self.pan_by(0, -PAN_STEP)
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if delta.y() > 0 else 1 / ZOOM_STEP)
        else:
            self.pan_by(delta.x() / 2, delta.y() / 2)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            delta = event.position() - self._drag
            self._drag = event.position()
            self.pan_by(delta.x(), delta.y())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        self.unsetCursor()
        super().mouseReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._follow:
            self.follow(self._follow)  # a new text size: the step at the new size
        elif event.type() == QEvent.Type.FontChange and self._fitted:
            self.fit()  # the start, readable at the new size

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._follow:
            self.follow(self._follow)
        elif self._fitted:
            self.fit()

    # -- painting and tips -----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        legend = self.offset.y() + self.picture.legend_height * self.zoom
        if self.offset.x() < 0:
            # Scrolled sideways (a wide flow at a readable size): the legend stays at the
            # left edge, read from its start; the diagram below it moves.
            painter.save()
            painter.setClipRect(QRectF(0, self.offset.y(), self.width(), legend - self.offset.y()))
            painter.translate(0, self.offset.y())
            painter.scale(self.zoom, self.zoom)
            paint_picture(painter, self.picture)
            painter.restore()
            painter.setClipRect(QRectF(0, legend, self.width(), max(0.0, self.height() - legend)))
        painter.translate(self.offset)
        painter.scale(self.zoom, self.zoom)
        paint_picture(painter, self.picture)
        painter.setClipping(False)
        if self.hasFocus():
            # Painted by us, not the style: the frame the style gives other controls.
            painter.resetTransform()
            draw_focus_frame(painter, self.rect(), self.palette(), focus_width(self))
        painter.end()

    def to_diagram(self, point: QPointF) -> QPointF:
        """Return a widget point in the diagram's units (below the legend)."""
        p = (point - self.offset) / self.zoom
        return QPointF(p.x(), p.y() - self.picture.legend_height)

    def tip_at(self, point: QPointF) -> str:
        """Return the plain-text tip at a widget point: an arrow's full label, or a step's title."""
        p = self.to_diagram(point)
        diagram = self.picture.diagram
        for k, box in label_rects(diagram).items():  # as painted
            if box.contains(p):
                return edge_tooltip(diagram.edges[k])
        for node in diagram.nodes:
            if QRectF(node.x, node.y, node.w, node.h).contains(p):
                return node.title
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                # Plain text: a label with < or & must not become markup.
                QToolTip.showText(event.globalPos(), _plain(tip), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def ui_pixels(font: QFont, dpi: float) -> float:
    """Return the height in pixels of ``font``'s text (a point size at ``dpi``, or its pixels)."""
    return float(font.pixelSize()) if font.pixelSize() > 0 else font.pointSizeF() * dpi / 72


def _plain(text: str) -> str:
    """Return ``text`` as a tool tip shows it literally (Qt guesses rich text otherwise)."""
    import html

    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"

"""The flow as a diagram for the room: the audience window's other face (D in the presenter).

The console's diagram (``DiagramView``, painted by ``fkstod.qt.diagram``), read
from the back of the room: a flow that fits the audience window at a readable
size is shown whole, centred; a larger one follows the step shown at that size,
with the legend kept in a band at the top (it says what the thick dark frame
around the step shown means). Readable is a share of the window's height, so
it follows the projector: the smallest text drawn (an arrow's label) is at
least ``1 / ROOM_LINE_SHARE`` of the height, as an 18 pt line is on a slide
7.5 inches high (the size presentation programs are told to keep to at least).
At 1920×1080 that is 36 px, at 1280×720 24 px; the steps' titles are a little
larger (13 to 12 units).

Nothing to click or focus: the trainer drives it from the console.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from fkstod.core.flows import FlowLibrary
from fkstod.core.flows.model import Flow
from fkstod.qt.diagram import CURRENT_WIDTH, label_font, paint_picture
from fkstod.ui.ovning.diagram_view import ZOOM_MIN, DiagramView

#: The smallest text is at least this share of the window's height (an 18 pt line of 7.5 in).
ROOM_LINE_SHARE = 30
#: Room left and right of the legend, in diagram units (as ``Picture.width`` keeps).
LEGEND_ROOM = 32.0
#: The largest zoom of a small flow shown whole (unless readable needs more).
FIT_MAX = 4.0


def readable_pixels(height: int) -> float:
    """Return the smallest text size, in pixels, readable in the room on a screen ``height`` high."""
    return height / ROOM_LINE_SHARE


class RoomDiagram(DiagramView):
    """The flow for the audience: whole when readable so, else the step shown, followed."""

    def __init__(self, flow: Flow, library: FlowLibrary, parent: QWidget | None = None) -> None:
        super().__init__(flow, library, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- sizes -----------------------------------------------------------------------------

    def readable_zoom(self) -> float:
        """Return the zoom at which the smallest text is readable from the back of the room."""
        smallest = label_font(self.picture.font).pixelSize()
        return readable_pixels(self.window().height()) / smallest

    def text_pixels(self) -> tuple[float, float]:
        """Return the size in pixels of the steps' titles and of the arrows' labels as drawn."""
        font = self.picture.font
        return font.pixelSize() * self.zoom, label_font(font).pixelSize() * self.zoom

    def legend_zoom(self) -> float:
        """Return the zoom of the legend: as the diagram's, or smaller if it would be cut."""
        metrics = QFontMetricsF(self.picture.font)
        widest = max((metrics.horizontalAdvance(line) for line in self.picture.legend()), default=0)
        return min(self.zoom, max(1, self.width()) / (widest + LEGEND_ROOM))

    def band_height(self) -> float:
        """Return the height of the legend's band in pixels (0 when the flow is shown whole)."""
        return 0.0 if self._fitted else self.picture.legend_height * self.legend_zoom()

    # -- where -----------------------------------------------------------------------------

    def fit(self) -> None:
        """The whole flow as large as the window allows, in its middle."""
        w, h = max(1, self.width()), max(1, self.height())
        # A small flow large, not huge; never smaller than readable when it fits at all.
        largest = max(FIT_MAX, self.readable_zoom())
        self.zoom = max(ZOOM_MIN, min(largest, w / self.picture.width, h / self.picture.height))
        self.offset = QPointF(
            max(0.0, (w - self.picture.width * self.zoom) / 2),
            max(0.0, (h - self.picture.height * self.zoom) / 2),
        )
        self.update()

    def follow(self, step_id: str, zoom: float | None = None) -> None:
        """Show ``step_id`` at a readable size, in the middle of the room below the legend."""
        super().follow(step_id, zoom)
        if self._fitted:
            return
        node = self.picture.diagram.node(step_id)
        legend = self.picture.legend_height * self.zoom
        band = self.band_height()
        centre = (self.picture.legend_height + node.y + node.h / 2) * self.zoom
        y = (band + self.height()) / 2 - centre
        # No empty room below the diagram, and none above it (below the band).
        y = max(y, self.height() - self.picture.height * self.zoom)
        y = min(y, band - legend)
        # Sideways in the middle too (the band keeps the legend whole), with no empty room
        # left or right of the diagram.
        wide = self.picture.diagram.width * self.zoom
        if wide <= self.width():
            x = (self.width() - wide) / 2  # a narrow flow: in the middle, whole
        else:
            x = self.width() / 2 - (node.x + node.w / 2) * self.zoom
            x = min(max(x, self.width() - wide), 0.0)
        self.offset = QPointF(x, y)
        self.update()

    def step_rect(self, step_id: str) -> QRectF:
        """Return the box of ``step_id`` with its frame, in the widget's pixels."""
        node = self.picture.diagram.node(step_id)
        grow = 8 + CURRENT_WIDTH
        top = self.picture.legend_height + node.y - grow
        return QRectF(
            self.offset.x() + (node.x - grow) * self.zoom,
            self.offset.y() + top * self.zoom,
            (node.w + 2 * grow) * self.zoom,
            (node.h + 2 * grow) * self.zoom,
        )

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._fitted:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        band = self.band_height()
        # The diagram below the band, without its own legend (the band has it, whole).
        below = max(band, self.offset.y() + self.picture.legend_height * self.zoom)
        painter.save()
        painter.setClipRect(QRectF(0, below, self.width(), self.height() - below))
        painter.translate(self.offset)
        painter.scale(self.zoom, self.zoom)
        paint_picture(painter, self.picture)
        painter.restore()
        # The legend at the top, always in view: clipped to the legend's rows.
        painter.setClipRect(QRectF(0, 0, self.width(), band))
        scale = self.legend_zoom()
        painter.scale(scale, scale)
        paint_picture(painter, self.picture)
        painter.setClipping(False)
        painter.resetTransform()
        painter.setPen(Qt.GlobalColor.black)
        painter.drawLine(QPointF(0, band), QPointF(self.width(), band))
        painter.end()

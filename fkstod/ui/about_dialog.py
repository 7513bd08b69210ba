"""Hjälp → Om fkstod: version, data folder, where resources come from."""

from __future__ import annotations

import html
import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QTextDocumentFragment
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fkstod import __version__
from fkstod.core.i18n import _
from fkstod.ui.widgets.plain_label import selectable_by_keys


def _installation(resource_mode: str) -> str:
    # paths.resource_mode()'s code word, as support staff would say it.
    words = {
        "frozen": _("installerat program"),
        "wheel": _("installerat Python-paket"),
        "checkout": _("källkod (utvecklarversion)"),
    }
    return words.get(resource_mode, resource_mode)


class AboutDialog(QDialog):
    """Shows the version and the data folder, selectable for support calls."""

    def __init__(
        self, data_folder: Path, resource_mode: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Om fkstod"))
        self.setAccessibleName(self.tr("Om fkstod"))
        text = self.tr(
            "<h2>fkstod {version}</h2>"
            "<p>Stöd för handläggare vid frågor om våld i nära relationer.</p>"
            "<p><b>Var fkstod sparar sina uppgifter</b><br>"
            "fkstod har en egen mapp på den här datorn: <b>{folder}</b></p>"
            "<p>Där finns dina inställningar (textstorlek, fönstrets plats, dina egna "
            "kontaktuppgifter för orosanmälan), stödkatalogens lokala poster, "
            "användningsstatistiken och en färdigläst kopia av frågeflödena, så att "
            "fkstod startar fortare. Statistiken är bara antal per månad. Inget om de "
            "personer du pratar med sparas där eller någon annanstans.</p>"
            "<p>Du behöver aldrig öppna mappen själv. Om supporten frågar var fkstod "
            "sparar sina uppgifter är det den här mappen du ska nämna; texten går att "
            "markera och kopiera.</p>"
            "<p><small>Programfiler: {mode} · Python {python} · PySide6 {pyside}</small></p>"
        ).format(
            version=__version__,
            folder=html.escape(str(data_folder)),
            mode=html.escape(_installation(resource_mode)),
            python=platform.python_version(),
            pyside=pyside_version,
        )
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        selectable_by_keys(self.label, mouse=True)
        self.label.setAccessibleName(self.tr("Om fkstod"))
        # A label says its name only: the text, for a screen reader, is its description.
        self.label.setAccessibleDescription(QTextDocumentFragment.fromHtml(text).toPlainText())
        self.label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        # A top-level window takes its height from the text's one-line hint, not from the
        # lines it wraps to: at large text on a narrow screen the last lines were cut off.
        super().showEvent(event)
        needed = self.layout().totalHeightForWidth(self.width())
        room = self.screen().availableGeometry().height() if self.screen() else needed
        if needed > self.height():
            self.resize(self.width(), min(needed, room))

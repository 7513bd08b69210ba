"""Corrections to Qt's own Swedish (qtbase_sv), for the buttons Qt labels itself.

qtbase_sv translates the standard button "OK" as "Ok"; Swedish writes "OK"
(Språkrådet, Svenska skrivregler). A translator installed after qtbase_sv is
asked first, so the corrections below win and everything else falls through.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

#: (context, source text) → the Swedish to show instead of qtbase_sv's.
CORRECTIONS: dict[tuple[str, str], str] = {
    ("QPlatformTheme", "OK"): "OK",
    ("QDialogButtonBox", "OK"): "OK",
    ("QMessageBox", "OK"): "OK",
}


class QtSwedishFixes(QTranslator):
    """A translator that knows only the corrections; None (a null string) lets the next answer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(self, context, source_text, disambiguation=None, n=-1) -> str | None:
        # Not "": Qt takes an empty string as the translation, only a null one as none.
        return CORRECTIONS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False

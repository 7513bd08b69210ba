"""The banner above the directory's results: what to do when a list would mislead."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QWidget

from fkstod.ui.widgets.status_label import StatusLabel


class DirectoryNotice(StatusLabel):
    """A framed line of text, hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Att göra först"))
        # A banner: framed, so it is not taken for an entry or a heading.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMargin(8)
        self.hide()

    def ask_for_kommun(self) -> None:
        """Say that the kommun comes first (unfiltered, national lines would be first)."""
        self.setText(self.tr("Välj kommun för att se socialtjänsten"))
        self.show()

    def loading(self) -> None:
        """Say that the entries are still being read (the search runs once they are)."""
        self.setText(self.tr("Läser in katalogen…"))
        self.show()

    def no_local_office(self, kommun_name: str) -> None:
        """Say that the kommun's social services are missing, and what to do instead."""
        self.setText(
            self.tr(
                "⚠ Stödkatalogen har ingen socialtjänst för {k} ännu.\n"
                "Under kontorstid: ring kommunens växel och fråga efter socialtjänsten "
                "(numret finns på kommunens webbplats).\n"
                "Efter kontorstid: socialjouren nås via 112.\n"
                "Be din samordnare lägga in kommunens socialtjänst i katalogen."
            ).replace("{k}", kommun_name)
        )
        self.show()

"""What the caseworker reads out: name, number (large, copyable), hours, languages.

Signals:
    copy_requested(str): the user asked to copy the number of the entry with this id.
"""

from __future__ import annotations

import html
import re
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fkstod.core import kommuner
from fkstod.core.collate import swedish_key
from fkstod.core.directory import TARGET_GROUPS, Directory, Entry
from fkstod.core.directory.open_state import OpenState, open_state
from fkstod.core.directory.validate import display_phone
from fkstod.core.vocabulary import REFERRAL_CATEGORIES
from fkstod.ui.widgets.plain_label import PlainLabel, selectable_by_keys

#: How long "Kopierat ✓" stays on the button after a copy.
COPIED_SHOWN_MS = 4000


class DirectoryEntryView(QWidget):
    """The details of one entry, or a hint when none is chosen.

    Args:
        copied_timer: the single-shot timer that takes "Kopierat ✓" away again
            (a seam for tests; by default one of ``COPIED_SHOWN_MS``).
    """

    copy_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, copied_timer: QTimer | None = None) -> None:
        super().__init__(parent)
        self.entry: Entry | None = None
        self.copied_timer = copied_timer or QTimer(self)
        if copied_timer is None:
            self.copied_timer.setInterval(COPIED_SHOWN_MS)
        self.copied_timer.setSingleShot(True)
        self.copied_timer.timeout.connect(self.reset_copy_button)
        self.title = PlainLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName(self.tr("Namn"))
        self.number = PlainLabel()
        selectable_by_keys(self.number, mouse=True)
        self.number.setAccessibleName(self.tr("Telefonnummer"))
        self.number.setWordWrap(True)
        self.copy_button = QPushButton()
        self.copy_button.setToolTip(self.tr("Kopiera numret (Ctrl+K eller Alt+P)"))
        self.reset_copy_button()
        self.copy_button.clicked.connect(self._copy)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setOpenExternalLinks(False)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Uppgifter om stödkontakten"))
        self.stale = PlainLabel()
        self.stale.setWordWrap(True)
        self.stale.setAccessibleName(self.tr("Senast verifierad"))

        number_row = QHBoxLayout()
        number_row.addWidget(self.copy_button)
        number_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.number)
        layout.addLayout(number_row)
        layout.addWidget(self.details)
        layout.addWidget(self.stale)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("Vald stödkontakt"))
        self.show_entry(None)

    def changeEvent(self, event) -> None:
        # Follow the application font (the user's text size) at relative sizes.
        if event.type() == event.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def _apply_fonts(self) -> None:
        base = self.font().pointSizeF() or 10.0
        big = QFont(self.font())
        big.setPointSizeF(base * 1.8)
        big.setBold(True)
        self.number.setFont(big)
        heading = QFont(self.font())
        heading.setPointSizeF(base * 1.4)
        heading.setBold(True)
        self.title.setFont(heading)

    def reset_copy_button(self) -> None:
        """Show the button as before any copy."""
        self.copied_timer.stop()
        self.copy_button.setText(self.tr("Ko&piera numret"))
        self.copy_button.setAccessibleName(self.tr("Kopiera telefonnumret"))

    def mark_copied(self, number: str) -> None:
        """Say on the button which number was copied, for a few seconds.

        The mnemonic stays, so Alt+P copies again.
        """
        shown = display_phone(number)
        self.copy_button.setText(self.tr("Ko&pierat ✓ {n}").replace("{n}", shown))
        self.copy_button.setAccessibleName(self.tr("Kopierat: {n}").replace("{n}", number))
        self.copied_timer.start()

    def show_entry(
        self, entry: Entry | None, open_now: bool | None = None, today: date | None = None
    ) -> None:
        """Show ``entry``; ``open_now`` is None when its hours are unknown."""
        if entry is None or self.entry is None or entry.id != self.entry.id:
            self.reset_copy_button()  # "Kopierat" was about the entry before
        self.entry = entry
        self._apply_fonts()
        if entry is None:
            self.title.setText(self.tr("Ingen stödkontakt vald"))
            self.number.setText("")
            self.details.setText(self.tr("Skriv i sökrutan och välj en rad med piltangenterna."))
            self.stale.setText("")
            self.copy_button.setEnabled(False)
            return
        self.title.setText(entry.title)
        self.number.setText(display_phone(entry.telefon) or self.tr("Inget telefonnummer"))
        self.copy_button.setEnabled(bool(entry.telefon))
        state = open_state(entry, {entry.id} if open_now else (), today)
        if state is OpenState.AROUND_THE_CLOCK:
            hours = self.tr("Öppet dygnet runt")
        elif state is OpenState.UNCHECKED:
            # Out of date: the hours as recorded, never "öppet nu" (see the warning below).
            hours = entry.telefontider
        elif state is OpenState.VARIES:
            # "varierar – se webbplats": open or closed cannot be told from here.
            hours = entry.telefontider
        elif state is OpenState.UNKNOWN:
            hours = self.tr("Öppettider okända – kontrollera innan du hänvisar")
        else:
            now = self.tr("öppet nu") if state is OpenState.OPEN else self.tr("stängt just nu")
            hours = f"{entry.telefontider} – {now}"
        rows = [
            (self.tr("Telefontider"), hours),
            (self.tr("Hjälper med"), entry.beskrivning),
            (self.tr("Språk"), ", ".join(entry.sprak)),
            (self.tr("För"), ", ".join(TARGET_GROUPS.get(g, g) for g in entry.malgrupper)),
            (self.tr("Kommuner"), self._area(entry)),
            (self.tr("Kategori"), REFERRAL_CATEGORIES.get(entry.kategori, entry.kategori)),
            (self.tr("Webbplats"), entry.webb),
            (self.tr("E-post"), entry.epost),
            (self.tr("Adress"), entry.adress),
            (self.tr("Tillgänglighet"), entry.tillganglighet),
            (self.tr("Källa"), _breakable_urls(entry.kalla)),
            (
                self.tr("Post"),
                self.tr("Levererad med fkstod (kan inte ändras)")
                if entry.levererad
                else self.tr("Lokal post"),
            ),
        ]
        # A web or e-mail address is one long word: beside its label it would make
        # the table too wide for large text, so it goes on a line of its own (so
        # does the source, which names the page its facts were checked against).
        whole_line = {self.tr("Webbplats"), self.tr("E-post"), self.tr("Källa")}
        self.details.setText(
            "<table cellspacing='4'>"
            + "".join(
                f"<tr><td colspan='2'><b>{html.escape(k)}</b><br>{html.escape(v)}</td></tr>"
                if k in whole_line
                else f"<tr><td valign='top'><b>{html.escape(k)}</b></td>"
                f"<td>{html.escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v in rows
                if v
            )
            + "</table>"
        )
        if not Directory.is_verified(entry):
            self.stale.setText(
                self.tr("⚠ Inte verifierad – kontrollera uppgifterna innan du hänvisar.")
            )
        elif Directory.is_stale(entry, today):
            self.stale.setText(
                self.tr(
                    "⚠ Senast verifierad {d} – mer än 12 månader sedan. Kontrollera uppgifterna."
                ).replace("{d}", entry.senast_verifierad)
            )
        else:
            self.stale.setText(
                self.tr("Senast verifierad {d}").replace("{d}", entry.senast_verifierad)
            )

    def _area(self, entry: Entry) -> str:
        # Where it helps: a caller in another kommun is not helped by a local jour.
        if not entry.kommuner:
            return self.tr("Hela landet")
        known = kommuner.by_code()
        names = [known[k].namn if k in known else k for k in entry.kommuner]
        return ", ".join(sorted(names, key=swedish_key))

    def _copy(self) -> None:
        if self.entry is not None and self.entry.telefon:
            self.copy_requested.emit(self.entry.id)


def _breakable_urls(text: str) -> str:
    """Return ``text`` with break chances inside web addresses, which are one long word."""
    return re.sub(
        r"https?://\S+",
        lambda m: re.sub(r"([/?&=.\-])", "\\1\u200b", m.group(0)),
        text,
    )

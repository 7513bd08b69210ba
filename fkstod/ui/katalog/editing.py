"""The directory page's local editing: new, change and remove, through the entry editor.

A mixin of ``DirectoryPage`` (no widget of its own). Every change is stored at once
and the index rebuilt in slices (``DirectoryLoading.rebuild_later``); then the
changed entry is selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fkstod.qt.slices import Slices
from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

if TYPE_CHECKING:
    from fkstod.core.directory.model import Entry


class DirectoryEditing:
    """Ny post (Ctrl+N), Ändra (Ctrl+E) and Ta bort (Ctrl+Delete) of local entries."""

    # Provided by DirectoryPage and DirectoryLoading.
    directory: Any
    dialogs: Any
    loading: bool

    def add_entry(self) -> None:
        """Open the editor for a new local entry."""
        if self.loading:  # Ctrl+N works while the button is greyed; "Läser in…" is showing
            return
        self._edit(None)

    def edit_entry(self) -> None:
        """Open the editor for the current local entry."""
        entry = self.current_entry()  # type: ignore[attr-defined]
        if entry is None or entry.levererad:
            return
        self._edit(entry)

    def remove_entry(self) -> None:
        """Remove the current local entry after asking."""
        entry = self.current_entry()  # type: ignore[attr-defined]
        if entry is None or entry.levererad:
            return
        if self.dialogs.confirm(
            self.tr("Ta bort post"),  # type: ignore[attr-defined]
            self.tr("Ta bort ”{t}” ur katalogen?").replace("{t}", entry.title),  # type: ignore[attr-defined]
        ):
            self.directory.remove(entry.id, index_now=False)
            self._after_change()

    def _edit(self, entry: Entry | None) -> None:
        dialog = DirectoryEntryDialog(
            self.save_later,  # type: ignore[attr-defined]
            entry,
            self,  # type: ignore[arg-type]
            self.directory.languages(),
            confirm_discard=lambda: self.dialogs.confirm(
                self.tr("Kasta posten?"),  # type: ignore[attr-defined]
                self.tr(  # type: ignore[attr-defined]
                    "Det du har skrivit i posten sparas inte. Vill du kasta det?"
                ),
            ),
        )
        # While the caseworker types, the table a save checks for duplicates in is made
        # a slice at a time (at 100 000 entries the first save waited 130 ms for it).
        preparing = Slices(self.directory.duplicates_step, parent=dialog)
        preparing.start()
        if dialog.exec() and dialog.saved is not None:
            self._after_change(dialog.saved.id)
        dialog.deleteLater()  # a child of the page: it would stay for as long as the page

    def _after_change(self, select_id: str = "") -> None:
        if self.rebuild_later(select_id):  # type: ignore[attr-defined]
            return
        self._fill_languages()  # type: ignore[attr-defined]
        self.run_search()  # type: ignore[attr-defined]
        self.select(select_id)  # type: ignore[attr-defined]

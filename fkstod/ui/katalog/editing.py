"""The directory page's local editing: new, change and remove, through the entry editor.

A mixin of ``DirectoryPage`` (no widget of its own). Every change is stored at once
and the index rebuilt in slices (``DirectoryLoading.rebuild_later``); then the
changed entry is selected.

While the editor is open, what is typed is kept as a draft in the database
(``core.directory.drafts``); it goes when the entry is saved or the editor is closed
on purpose. One left by a crash is offered when the page is next shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fkstod.core.store_health import StoreError
from fkstod.qt.slices import Slices
from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

if TYPE_CHECKING:
    from fkstod.core.directory.model import Entry

#: The question's choices, in order: going on is the default (Enter).
GO_ON, THROW_AWAY = 0, 1


class DirectoryEditing:
    """Ny post (Ctrl+N), Ändra (Ctrl+E) and Ta bort (Ctrl+Delete) of local entries."""

    # Provided by DirectoryPage and DirectoryLoading.
    directory: Any
    dialogs: Any
    loading: bool
    #: Whether a draft left from before was looked for (and answered) since the start.
    _draft_asked: bool = False

    def add_entry(self) -> None:
        """Open the editor for a new local entry."""
        if self.loading:  # Ctrl+N works while the button is greyed; "Läser in…" is showing
            return
        if self.offer_draft():
            return
        self._edit(None)

    def edit_entry(self) -> None:
        """Open the editor for the current local entry."""
        entry = self.current_entry()  # type: ignore[attr-defined]
        if entry is None or entry.levererad:
            return
        if self.offer_draft():
            return
        self._edit(entry)

    def offer_draft_soon(self) -> None:
        """Offer a draft left from before once the page is on screen (its first show)."""
        if not self._draft_asked:
            # The page as the timer's context: a page deleted meanwhile is never called.
            QTimer.singleShot(0, self, self._offer_draft_if_free)  # type: ignore[call-overload]

    def _offer_draft_if_free(self) -> None:
        # Not over another question (a notice at start), nor on a page not in sight:
        # the next show, or Ny post, asks instead.
        visible = self.isVisible()  # type: ignore[attr-defined]
        if visible and QApplication.activeModalWidget() is None:
            self.offer_draft()

    def offer_draft(self) -> bool:
        """Ask whether to go on with a draft a crash left; return True if the caller should stop.

        True when the editor was opened with the draft, or the question was closed
        (Esc): nothing else opens then. Asked once a start, and again after an Esc.
        """
        if self._draft_asked or self.loading:
            return False
        from fkstod.core.directory.drafts import UnreadableDraft, resume
        from fkstod.core.directory.validate import entry_to_fields

        self._draft_asked = True
        drafts = self.directory.drafts
        if drafts is None:
            return False
        try:
            draft = drafts.read()
        except UnreadableDraft as exc:
            self.dialogs.info(self.tr("Osparad post"), str(exc))  # type: ignore[attr-defined]
            return False
        if draft is None:
            return False
        entry = self.directory.get(draft.entry_id) if draft.entry_id else None
        if entry is not None and entry.levererad:
            entry = None  # never a shipped one: a draft is of a local entry
        resumed = resume(draft, entry_to_fields(entry) if entry is not None else None)
        if resumed is None:  # nothing typed, or the entry holds it already
            with suppress(StoreError):
                drafts.remove()
            return False
        name = resumed.values.get("organisation", "").strip()
        question = self.tr(  # type: ignore[attr-defined]
            "En post som du skrev på sparades inte när fkstod stängdes. Vill du fortsätta med den?"
        )
        if name:
            question = self.tr(  # type: ignore[attr-defined]
                "En post som du skrev på sparades inte när fkstod stängdes: ”{t}”. "
                "Vill du fortsätta med den?"
            ).replace("{t}", name)
        choice = self.dialogs.choose(
            self.tr("Osparad post"),  # type: ignore[attr-defined]
            question,
            [self.tr("&Fortsätta"), self.tr("&Kasta bort")],  # type: ignore[attr-defined]
        )
        if choice == THROW_AWAY:
            with suppress(StoreError):
                drafts.remove()
            return False
        if choice != GO_ON:  # closed: asked again at the next show, or Ny post
            self._draft_asked = False
            return True
        self._edit(entry if resumed.entry_id else None, draft=resumed.values, notice=resumed.notice)
        return True

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

    def _edit(
        self, entry: Entry | None, draft: Mapping[str, str] | None = None, notice: str = ""
    ) -> None:
        from fkstod.core.directory.drafts import Draft

        drafts = self.directory.drafts
        wrote = False  # a draft of this editor's own is in the database

        def keep_draft(values: dict[str, str]) -> None:
            nonlocal drafts, wrote
            if drafts is None:
                return
            kept = Draft(entry.id if entry else "", dialog.opened_values, values)
            try:
                if kept.typed:
                    drafts.keep(kept)
                    wrote = True
                elif wrote:
                    drafts.remove()  # typed back to what it opened with
                    wrote = False
            except StoreError:
                # The database refuses (full, write-protected, replaced: the last two
                # are told by the window once). Typing goes on; a save says why it fails.
                drafts = None

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
            keep_draft=keep_draft,
            draft=draft,
            notice=notice,
        )
        # While the caseworker types, the table a save checks for duplicates in is made
        # a slice at a time (at 100 000 entries the first save waited 130 ms for it).
        preparing = Slices(self.directory.duplicates_step, parent=dialog)
        preparing.start()
        if draft is not None:
            wrote = True  # the draft gone on with is this editor's now
        accepted = dialog.exec()
        if dialog.saved is not None or dialog.discarded:
            if wrote and drafts is not None:
                with suppress(StoreError):
                    drafts.remove()
        else:
            dialog.keep_draft_now()  # closed by the app's end: the last keys too
        if accepted and dialog.saved is not None:
            self._after_change(dialog.saved.id)
        dialog.deleteLater()
        if self.isVisible():  # type: ignore[attr-defined]
            # Opened right after the draft's question, the editor had that question as
            # the window before it: a window manager that gives the keys back to the one
            # before (openbox) gave them to none, and Ctrl+N did nothing.
            self.window().activateWindow()  # type: ignore[attr-defined]  # a child of the page: it would stay for as long as the page

    def _after_change(self, select_id: str = "") -> None:
        if self.rebuild_later(select_id):  # type: ignore[attr-defined]
            return
        self._fill_languages()  # type: ignore[attr-defined]
        self.run_search()  # type: ignore[attr-defined]
        self.select(select_id)  # type: ignore[attr-defined]

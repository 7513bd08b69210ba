"""The directory page while its entries are read, or its index rebuilt, in slices.

Reading 100 000 entries, or indexing them again after an edit, takes seconds;
done at once it would freeze the window. It is done a slice at a time from a
timer (``fkstod.qt.slices``) instead, and meanwhile the page shows "Läser in
katalogen…", takes what is typed and searches for it once the directory is
there. Nothing that reads or changes the directory works until then.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fkstod.core.i18n import _
from fkstod.qt.slices import Slices

if TYPE_CHECKING:
    from fkstod.core.directory import Directory
    from fkstod.core.directory.model import Entry
    from fkstod.core.directory.validate import FieldError


def load_failed_text() -> str:
    """Return what the page and Arkiv's entries say when the directory could not be read."""
    return _(
        "Stödkatalogen kunde inte läsas in. Starta om fkstod. Om det händer igen: "
        "berätta för supporten."
    )


class DirectoryLoading:
    """What ``DirectoryPage`` does while the directory is not ready (a mixin, no widget)."""

    directory: Directory | None
    _select_after: str = ""
    _failed: bool = False

    # Provided by DirectoryPage.
    new_button: Any
    transfer: Any
    notice: Any
    results: Any
    count: Any

    @property
    def loading(self) -> bool:
        """Whether the directory is still being read or its index rebuilt."""
        return self.directory is None or self.directory.reindexing

    def start_loading(self, loading: bool) -> None:
        """Set up the rebuild timer; with ``loading`` the page waits for ``set_directory``."""
        self._reindex = Slices(self._reindex_step, parent=self)  # type: ignore[arg-type]
        self._reindex.finished.connect(self.directory_ready)
        self._reindex.failed.connect(self.load_failed)
        self._set_enabled(not loading)

    def set_directory(self, directory: Directory) -> None:
        """Take the directory, read in slices meanwhile; run the search typed so far."""
        self.directory = directory
        self.transfer.directory = directory
        self.directory_ready()

    def directory_ready(self) -> None:
        """Show the directory again after it was read (or its index rebuilt)."""
        self._set_enabled(True)
        self._fill_languages()  # type: ignore[attr-defined]
        self.run_search()  # type: ignore[attr-defined]
        if self._select_after:
            self.select(self._select_after)
            self._select_after = ""
        self.offer_draft_soon()  # type: ignore[attr-defined]  (DirectoryEditing)

    def rebuild_later(self, select_id: str) -> bool:
        """After a change stored with ``index_now=False``: rebuild in slices, then select.

        Returns False when the index is current already (nothing to wait for).
        """
        if self.directory is None or not self.directory.reindexing:
            return False
        self._select_after = select_id
        self._set_enabled(False)
        self.run_search()  # type: ignore[attr-defined]
        self._reindex.start()
        return True

    def save_later(self, values: Mapping[str, str], entry_id: str = "") -> Entry | list[FieldError]:
        """The editor's save: stored at once, the index rebuilt from the timer."""
        assert self.directory is not None
        return self.directory.save(values, entry_id, index_now=False)

    @property
    def failed(self) -> bool:
        """Whether the directory could not be read (it stays closed until a restart)."""
        return self._failed

    def load_failed(self, _exc: object = None) -> None:
        """The directory could not be read (or indexed): say so, and stay closed.

        What was read is never shown as the directory: it would lack entries.
        """
        self._failed = True
        self._set_enabled(False)
        self.show_loading()

    def show_loading(self) -> None:
        """Show that the directory is on its way (or could not be read), with no rows."""
        if self._failed:
            self.notice.setText(load_failed_text())
            self.notice.show()
        else:
            self.notice.loading()
        self.notice_only()  # type: ignore[attr-defined]

    def select(self, entry_id: str) -> None:
        """Make the row of ``entry_id`` current, if it is shown."""
        for i in range(self.results.count()):
            if self.results.entry_id(i) == entry_id:
                self.results.setCurrentRow(i)

    def _reindex_step(self, budget_ms: float) -> bool:
        return self.directory is None or self.directory.reindex_step(budget_ms)

    def _set_enabled(self, ready: bool) -> None:
        for widget in (self.new_button, self.transfer):
            widget.setEnabled(ready)

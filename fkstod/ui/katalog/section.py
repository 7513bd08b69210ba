"""The Stödkatalog section: the page is imported only when it is first built.

The directory is read in slices (``Directory.in_slices``) from a timer once the
page is built, each slice ≤ 10 ms, so the window answers keys while 100 000
entries are read; the page shows "Läser in katalogen…" meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fkstod.core.i18n import _
from fkstod.core.usage import UsageRecorder
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.section import PageSection

if TYPE_CHECKING:
    from fkstod.core.directory import DirectoryLoader
    from fkstod.qt.slices import Slices
    from fkstod.ui.katalog.page import DirectoryPage


class KatalogSection(PageSection["DirectoryPage"]):
    """The support directory: search, entries, import and export."""

    id = "katalog"

    def __init__(
        self, directory: Callable[[], DirectoryLoader], dialogs: Dialogs, usage: UsageRecorder
    ) -> None:
        """Args:
        directory: returns the directory's loader (made when first needed, not at start).
        """
        super().__init__()
        self.title = _("Stödkatalog")
        self.directory = directory
        self.dialogs = dialogs
        self.usage = usage
        self.loading: Slices | None = None

    def prepare(self) -> bool:
        import fkstod.ui.katalog.page  # noqa: F401  (see Section.prepare)

        return True

    def create(self) -> DirectoryPage:
        from fkstod.qt.slices import Slices
        from fkstod.ui.katalog.page import DirectoryPage

        loader = self.directory()
        page = DirectoryPage(loader.directory if loader.done else None, self.dialogs)
        if not loader.done:
            self.loading = Slices(loader.step, parent=page)
            self.loading.finished.connect(lambda: page.set_directory(loader.directory))
            self.loading.start()
        page.referral_shown.connect(
            lambda category: self.usage.record("referral_shown", category=category)
        )
        return page

    def show_filtered(self, category: str, kommun: str = "") -> None:
        """Show the entries of a category, near a kommun (a shortcut from another section)."""
        self.build().show_filtered(category, kommun)

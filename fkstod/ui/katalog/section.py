"""The Stödkatalog section: the page is imported only when it is first built.

The directory is read in slices (``Directory.in_slices``) from a timer once the
page is built, each slice ≤ 10 ms, so the window answers keys while 100 000
entries are read; the page shows "Läser in katalogen…" meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from fkstod.core.i18n import _
from fkstod.core.usage import UsageRecorder
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.section import Call, PageSection
from fkstod.ui.widgets.call_bar import Jump

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
        self.call: Call | None = None
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
            self.loading.failed.connect(page.load_failed)
            self.loading.start()
        page.referral_shown.connect(
            lambda category: self._record("referral_shown", category=category)
        )
        page.number_copied.connect(self._number_copied)
        return page

    def shutdown(self) -> None:
        if self.loading is not None:
            self.loading.stop()  # the database closes next: no slice reads it after

    def shown(self) -> None:
        # Shown by its own key or the list, the directory is a plain search, not a call's;
        # a call's shortcut sets the call again right after (show_filtered), and
        # offers the way back again (offer_way_back).
        self.call = None
        if self.page is not None:
            self.page.call_bar.withdraw()  # "öppet nu" is renewed by the page shown

    def forget_call(self) -> None:
        """A new conversation: no filter, search or way back of the last call stays."""
        self.call = None
        if self.page is not None:
            self.page.call_bar.withdraw()
            self.page.forget_search()

    def _record(self, metric: str, **labels: str) -> None:
        # While the directory serves a call, through the call's recorder: a demonstration's
        # numbers are not counted after Övningsläge is switched off (a real call's are).
        usage = self.call.usage if self.call is not None else self.usage
        if usage is not None:
            usage.record(metric, **labels)

    def _number_copied(self, category: str) -> None:
        # Support offered in a call: only while the directory shows a call's shortcut.
        if self.call is not None:
            self._record(
                "support_offered_in_call",
                flow=self.call.flow,
                benefit=self.call.benefit,
                category=category,
            )

    def show_filtered(self, category: str, kommun: str = "", call: Call | None = None) -> None:
        """Show the entries of a category, near a kommun (a shortcut from another section).

        Args:
            call: the open call when a flow's step asked; a number copied then counts
                as support offered in that call, through the call's own recorder.
        """
        self.call = call
        self.build().show_filtered(category, kommun)

    def offer_way_back(self, label: str, back: Callable[[], object], jumps: Sequence[Jump]) -> None:
        """Show "Tillbaka till samtalet" (Alt+Left) and the call's jump keys above the page."""
        self.build().call_bar.offer(label, back, jumps)

    def import_file(self) -> None:
        """Arkiv → Importera till stödkatalogen: the page's Importera… (Ctrl+I)."""
        if self._ready():
            self.build().transfer.import_file()

    def export_file(self, fmt: str) -> None:
        """Arkiv → Exportera stödkatalogen: as Excel (``xlsx``), CSV (``csv``) or HSDS (``hsds``)."""
        if self._ready():
            self.build().transfer.export_file(fmt)

    def _ready(self) -> bool:
        # From the menu, while the entries are still read: say so rather than do nothing.
        page = self.build()
        if not page.loading:
            return True
        if page.failed:
            from fkstod.ui.katalog.loading import load_failed_text

            self.dialogs.info(_("Stödkatalogen"), load_failed_text())
            return False
        self.dialogs.info(
            _("Stödkatalogen läses in"),
            _("Katalogen läses fortfarande in. Försök igen om en liten stund."),
        )
        return False

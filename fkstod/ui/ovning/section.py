"""The Övning section: the page is imported only when it is first built."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fkstod.core.files import Protected
from fkstod.core.flows import FlowLibrary
from fkstod.core.i18n import _
from fkstod.qt.training_mode import TrainingMode
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.section import PageSection

if TYPE_CHECKING:
    from fkstod.ui.ovning.page import OvningPage


class OvningSection(PageSection["OvningPage"]):
    """Fictional cases: the presenter view, Öva själv, diagrams and handouts."""

    id = "ovning"

    def __init__(
        self,
        library: FlowLibrary,
        dialogs: Dialogs,
        training: TrainingMode,
        protected: Callable[[], Protected],
    ) -> None:
        super().__init__()
        self.title = _("Övning")
        self.library = library
        self.dialogs = dialogs
        self.training = training
        self.protected = protected

    def create(self) -> OvningPage:
        from fkstod.core.training import load_cases
        from fkstod.ui.ovning.page import OvningPage

        page = OvningPage(
            self.library, load_cases(self.library), self.dialogs, protected=self.protected()
        )
        # A demonstration or a practice is training: the window says so, and counts nothing.
        page.demonstration_started.connect(lambda: self.training.set_on(True))
        return page

    def shutdown(self) -> None:
        if self.page is not None:
            self.page.shutdown()

"""The Orosanmälan section: the page is imported only when it is first built."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from fkstod.core.files import Protected
from fkstod.core.i18n import _
from fkstod.core.settings import Settings
from fkstod.core.usage import UsageRecorder
from fkstod.qt.training_mode import TrainingMode
from fkstod.ui.dialogs import Dialogs
from fkstod.ui.section import Call, Intents, PageSection

if TYPE_CHECKING:
    from fkstod.ui.orosanmalan.page import OrosanmalanPage
    from fkstod.ui.widgets.call_bar import Jump

REPORTER_KEY = "orosanmalan/reporter"


def _import_page() -> None:
    import fkstod.ui.orosanmalan.page  # noqa: F401  (see Section.prepare)


def _template_environment() -> None:
    from fkstod.core.templates import environment

    environment()


def _template() -> None:
    # The preview renders at build; compiled here, the build does not wait for it.
    from fkstod.core.orosanmalan.render import TEMPLATES
    from fkstod.core.templates import environment

    environment().get_template(TEMPLATES["html"])


class OrosanmalanSection(PageSection["OrosanmalanPage"]):
    """The report to social services: the form, its problems, save and print."""

    id = "orosanmalan"

    def __init__(
        self,
        dialogs: Dialogs,
        settings: Settings,
        usage: UsageRecorder,
        lookup_socialtjanst: Callable[[str], str | None],
        protected: Callable[[], Protected],
        intents: Intents,
        training: TrainingMode | None = None,
    ) -> None:
        super().__init__()
        self.title = _("Orosanmälan")
        self.dialogs = dialogs
        self.settings = settings
        self._told_not_kept = False  # the reporter's details not kept: said once (_keep_reporter)
        self.usage = usage
        self.lookup_socialtjanst = lookup_socialtjanst
        self.protected = protected
        self.intents = intents
        self.training = training
        #: What the report in the form is counted through: the call's recorder when it
        #: was begun from a call, else the window's (which follows the mode).
        self._counts: UsageRecorder | None = usage
        self._from_training_call = False
        self._pieces = [_import_page, _template_environment, _template]

    def prepare(self) -> bool:
        # Three pieces, a turn each: the page's modules; Jinja2; the preview's template.
        if self._pieces:
            self._pieces.pop(0)()
        return not self._pieces

    def create(self) -> OrosanmalanPage:
        from fkstod.ui.orosanmalan.page import OrosanmalanPage

        reporter = self.settings.get(REPORTER_KEY, {})
        page = OrosanmalanPage(
            self.dialogs,
            reporter=reporter if isinstance(reporter, dict) else {},
            lookup_socialtjanst=self.lookup_socialtjanst,
            protected=self.protected(),
        )
        # A data folder fkstod cannot write to keeps nothing: the form does not promise it.
        page.form.set_reporter_kept(self.settings.writable)
        page.reporter_changed.connect(self._keep_reporter)
        page.report_created.connect(self._report_created)
        page.report_begun.connect(self._begun_here)
        page.directory_requested.connect(self.intents.show_directory)
        if self.training is not None:
            # Övningsläge: every report marked on every page and in its file name.
            self.training.changed.connect(lambda _on: self._mark())
        self._mark(page)
        return page

    def _keep_reporter(self, data: dict) -> None:
        """Store the caseworker's own details for the next report.

        A data folder that cannot be written keeps nothing: said the first time, not at
        every field left (the details stay in the form; the report is made all the same).
        """
        from fkstod.core.store_health import ReadOnlyError

        try:
            self.settings.set(REPORTER_KEY, data)
        except ReadOnlyError as exc:
            if not self._told_not_kept:
                self._told_not_kept = True
                self.dialogs.info(_("Dina uppgifter sparas inte"), str(exc))

    def _begun_here(self) -> None:
        # A report begun in the section (Ny anmälan) is its own, not the last call's:
        # counted and marked as the mode is. ``start`` sets a call's after this.
        self._counts = self.usage
        self._from_training_call = False
        self._mark()

    def _report_created(self, benefit: str) -> None:
        if self._counts is not None:
            self._counts.record("orosanmalan_created", benefit=benefit)

    def _mark(self, page: OrosanmalanPage | None = None) -> None:
        # Marked while the mode is on, and a report begun in a demonstration for good.
        page = page or self.page
        if page is not None:
            on = self.training is not None and self.training.on
            page.set_training(on or self._from_training_call)

    def may_close(self) -> bool:
        # A report in progress is never thrown away without asking.
        return self.page is None or self.page.confirm_discard()

    def shown(self) -> None:
        # Shown by its own key or the list, the report is not a call's: no way back.
        # A call's "Skriv orosanmälan" offers it again right after (offer_way_back).
        if self.page is not None:
            self.page.call_bar.withdraw()

    def forget_call(self) -> None:
        """A new conversation: the way back to the last call goes."""
        if self.page is not None:
            self.page.call_bar.withdraw()

    def offer_way_back(self, label: str, back: Callable[[], object], jumps: Sequence[Jump]) -> None:
        """Show "Tillbaka till samtalet" (Alt+Left) and the call's jump keys above the form."""
        self.build().call_bar.offer(label, back, jumps)

    def start(self, benefit: str, kommun: str = "", call: Call | None = None) -> None:
        """Start a new report for a benefit code, in a kommun when one is known.

        ``call``: the call it is written from. The report is counted as the call
        was (a demonstration's not, after Övningsläge is switched off; a real call's
        also when it is switched on), and a demonstration's is marked as an exercise.
        """
        if self.build().start(benefit, kommun):
            self._counts = call.usage if call is not None else self.usage
            self._from_training_call = bool(call and call.usage and call.usage.training)
            self._mark()

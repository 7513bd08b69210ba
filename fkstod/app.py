"""Composition root: the only module that builds both core services and widgets.

It opens the store, builds the services, builds the window and its sections,
and connects widget signals to core calls.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from fkstod import __version__, paths
from fkstod.core import instance as folder_lock
from fkstod.core import kommuner, store
from fkstod.core.flows.cache import CACHE_NAME, PREPARED_NAME, FlowCache
from fkstod.core.i18n import _
from fkstod.core.oserrors import describe_db_error, describe_os_error
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.settings import Settings
from fkstod.core.usage import UsageRecorder
from fkstod.core.usage.local import LocalExports
from fkstod.qt.contrast import readable_placeholders
from fkstod.qt.focus_in_view import install_focus_in_view
from fkstod.qt.single_instance import SingleInstance
from fkstod.qt.text_scale import apply_text_scale
from fkstod.qt.training_mode import TrainingMode
from fkstod.qt.translation_fixes import QtSwedishFixes
from fkstod.ui.dialogs import Dialogs, QtDialogs
from fkstod.ui.katalog.section import KatalogSection
from fkstod.ui.main_window import MainWindow
from fkstod.ui.orosanmalan.section import OrosanmalanSection
from fkstod.ui.ovning.section import OvningSection
from fkstod.ui.samtal.section import SamtalSection
from fkstod.ui.section import Call, Section
from fkstod.ui.statistik.section import StatistikSection

if TYPE_CHECKING:
    from fkstod.core.directory import Directory, DirectoryLoader
    from fkstod.core.files import Protected
    from fkstod.qt.quit_signals import QuitOnSignals

GEOMETRY_KEY = "window/geometry"
TEXT_SCALE_KEY = "window/text_scale"
SECTION_KEY = "window/section"


@dataclass
class Services:
    """The core services the widgets are wired to."""

    data_folder: Path
    db: store.Db
    settings: Settings
    usage: UsageRecorder

    @property
    def writable(self) -> bool:
        """False when the data folder cannot be written to: nothing is saved (``build_services``)."""
        return self.db.read_only is None

    @property
    def protected(self) -> Protected:
        """What a file the user saves must never replace: the data folder."""
        from fkstod.core.files import Protected

        return Protected(folders=(self.data_folder,))

    @cached_property
    def directory_loader(self) -> DirectoryLoader:
        """The support directory's loader, made when first needed (not on the start path).

        The Stödkatalog section steps it from a timer, a slice at a time.
        """
        from fkstod.core.directory import Directory

        return Directory.in_slices(self.db, protected=self.protected)

    @property
    def directory(self) -> Directory:
        """The support directory; what is not read yet is read at once (a rare early need)."""
        return self.directory_loader.finish()


def make_application(argv: list[str] | None = None, focus_style: bool = True) -> QApplication:
    """Return the QApplication, with Qt's own dialogs in Swedish.

    ``focus_style=False`` leaves the focus frame (``install_focus_style``) to the
    caller: the window's start gives it after the first frame (``run_gui``).
    """
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("fkstod")
    # No display name: Qt would append it to every window title ("fkstod – … — fkstod").
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Försäkringskassan")
    if focus_style:
        install_focus_style(app)
    install_focus_in_view(app)  # a field reached by Alt+letter or by the code is shown
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    readable_placeholders(app)  # a hint that carries a format ("ÅÅÅÅ-MM-DD") must be legible
    if app.property("fkstod_translated"):
        return app
    app.setProperty("fkstod_translated", True)
    translator = QTranslator(app)
    if translator.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    # After qtbase_sv, so asked first: "OK", not qtbase_sv's "Ok".
    app.installTranslator(QtSwedishFixes(app))
    return app


def install_focus_style(app: QApplication) -> None:
    """Give the application its well-visible focus frame (``fkstod.qt.focus_style``)."""
    from fkstod.qt.focus_style import install_focus_style as install

    install(app)


def build_services(data_folder: Path, *, writable: bool = True) -> tuple[Services, str | None]:
    """Open the store and build the services; return them and a notice for the user.

    A data folder that cannot be written to (or made), or ``writable=False`` (the
    window could not take its lock for want of rights), gives services that write
    nothing anywhere (``store.open_without_writing``): the notice then says what is
    not saved, and ``Services.writable`` is False.
    """
    path = paths.database_path(data_folder)
    if writable:
        try:
            opened = store.open_store(path, MIGRATION_SETS)
        except store.UnwritableFolderError:
            opened = store.open_without_writing(path, MIGRATION_SETS)
    else:
        opened = store.open_without_writing(path, MIGRATION_SETS)
    services = Services(
        data_folder=data_folder,
        db=opened.db,
        settings=Settings(opened.db),
        usage=UsageRecorder(opened.db),
    )
    return services, opened.notice


class Wiring:
    """What the sections are built from: the services, the dialogs, the flows, the window.

    It also carries the sections' requests of each other (the ``Intents``): a
    section never imports another; a request goes through here.
    """

    def __init__(self, services: Services, dialogs: Dialogs, window: MainWindow) -> None:
        self.services = services
        self.dialogs = dialogs
        self.window = window
        #: The parsed flows, read from the data folder's cache when it is current, else
        #: from the one prepared at set-up or bundling (a first start), else parsed.
        self.flow_cache = FlowCache(
            services.data_folder / CACHE_NAME, prepared=paths.resource(PREPARED_NAME)
        )
        self.library = self.flow_cache.load()
        self.kommuner = kommuner.kommuner()
        #: Övningsläge, app-wide: nothing counted, every report marked (``wire_training``).
        self.training = TrainingMode(window)

    def socialtjanst(self, kommun: str) -> str | None:
        """Return the social services' name and number for a kommun code, if known.

        Never waits for the directory's load (seconds at 100 000 entries): the loader
        asks the store until the directory is read.
        """
        entry = self.services.directory_loader.socialtjanst_for(kommun)
        return f"{entry.title}, {entry.telefon}" if entry else None

    def show_directory(self, category: str, kommun: str = "", call: Call | None = None) -> None:
        # A directory shortcut from a flow or a report: the section, pre-filtered.
        # ``call`` is the open call when a flow's step asked: counted as it is.
        came_from = self.window.current_section_id()
        section = self.window.show_section_id(KatalogSection.id)
        assert isinstance(section, KatalogSection)
        section.show_filtered(category, kommun, call)
        self._way_back_to_call(section, came_from)

    def start_orosanmalan(self, benefit: str, kommun: str = "", call: Call | None = None) -> None:
        came_from = self.window.current_section_id()
        section = self.window.show_section_id(OrosanmalanSection.id)
        assert isinstance(section, OrosanmalanSection)
        section.start(benefit, kommun, call)
        self._way_back_to_call(section, came_from)

    def _way_back_to_call(
        self, section: KatalogSection | OrosanmalanSection, came_from: str
    ) -> None:
        # Opened from a call: the way back, and the call's jump keys in sight.
        if came_from == SamtalSection.id:
            section.offer_way_back(
                _("Tillbaka till samtalet"),
                lambda: self.window.show_section_id(came_from),
                call_jumps(self.window),
            )

    def set_compact(self, compact: bool, section_id: str) -> None:
        self.window.set_compact(compact, self.window.index_of(section_id))

    def forget_call(self) -> None:
        for section in self.window.built_sections():
            if isinstance(section, KatalogSection | OrosanmalanSection):
                section.forget_call()


#: The window's sections, in the order shown (Ctrl+1, Ctrl+2, …): one line each.
SECTIONS: list[Callable[[Wiring], Section]] = [
    lambda w: SamtalSection(w.library, w.services.usage, w.dialogs, w.kommuner, w),
    lambda w: KatalogSection(lambda: w.services.directory_loader, w.dialogs, w.services.usage),
    lambda w: OrosanmalanSection(
        w.dialogs,
        w.services.settings,
        w.services.usage,
        w.socialtjanst,
        lambda: w.services.protected,
        w,
        w.training,
    ),
    lambda w: StatistikSection(
        w.services.usage,
        w.library,
        w.dialogs,
        LocalExports(w.services.db, w.library),
        lambda: w.services.protected,
    ),
    lambda w: OvningSection(w.library, w.dialogs, w.training, lambda: w.services.protected),
]


def build_window(services: Services, dialogs: Dialogs | None = None) -> MainWindow:
    """Build the main window and its sections, wired to the services.

    Only the section shown first is built now; the others are built when first
    shown or when the app is idle after the first paint (``build_pending_sections``).
    """
    settings = services.settings
    scale = settings.get(TEXT_SCALE_KEY, 1.0)
    window = MainWindow(text_scale=scale if isinstance(scale, int | float) else 1.0)
    dialogs = dialogs or QtDialogs(window)
    dialogs.parent = window
    wiring = Wiring(services, dialogs, window)
    services.usage.set_content_ids("flow", wiring.library.ids())
    for make_section in SECTIONS:
        window.add_section(make_section(wiring))
    wire_training(window, wiring.training, services.usage)
    add_jump_keys(window)
    add_statistik_actions(window)
    add_call_menu(window)
    add_directory_file_entries(window)
    add_training_entries(window)
    restore_window_state(window, settings)
    apply_text_scale(window.text_scale)
    window.text_scale_changed.connect(apply_text_scale)
    # A larger text can make the window grow past the screen's edge; a smaller one
    # lets it back in (once the layouts have taken the new size).
    window.text_scale_changed.connect(lambda _s: QTimer.singleShot(0, lambda: refit(window)))
    window.text_scale_changed.connect(
        lambda s: remember(settings, TEXT_SCALE_KEY, s, _("textstorleken"))
    )
    keep_window_state(window, settings)
    # The database replaced while fkstod runs: told once, after whatever write found it.
    services.db.on_replaced = lambda text: QTimer.singleShot(
        0, lambda: dialogs.error(_("Databasfilen har bytts ut"), text)
    )
    # Shown, the title bar's real height is known: fit once more.
    window.ready.connect(lambda: fit_to_screen(window))
    keep_on_screen(window)
    if wiring.flow_cache.stale and services.writable:  # parsed: kept for the next start
        window.ready.connect(lambda: QTimer.singleShot(0, wiring.flow_cache.save))
    window.about_requested.connect(lambda: show_about(services.data_folder, window))
    window.shortcuts_requested.connect(lambda: show_shortcuts(window))
    window.expert_support_requested.connect(lambda: dialogs.info(*expert_support_text()))
    return window


def wire_training(window: MainWindow, training: TrainingMode, usage: UsageRecorder) -> None:
    """Connect Övningsläge: the menu and its key, the banner and title, and the counting.

    Every section counts through the one recorder ``usage``; while the mode is on it
    is a training recorder (``UsageRecorder.training``), so nothing any section does
    is counted. Switching the mode off counts again from then on, except for a call:
    it counts through its own recorder (``UsageRecorder.for_call``), and so does what
    it starts in another section (the ``Call`` in the Intents: a number copied, a report).
    """

    def changed(on: bool) -> None:
        usage.training = on
        window.set_training(on)

    window.set_training(training.on)
    usage.training = training.on
    window.training_requested.connect(training.set_on)
    training.changed.connect(changed)


def add_jump_keys(window: MainWindow) -> None:
    """Give the window the call support's jump keys (Akut fara and the like).

    The keys are the window's, not the page's: a caseworker in the directory
    reading out a number must reach Akut fara with one key too.
    """
    for section in window.sections():
        if isinstance(section, SamtalSection):
            for keys, title, flow_id in section.jump_keys():
                action = window.add_shortcut(
                    keys, title, lambda s=section, f=flow_id: jump(window, s, f)
                )
                window.call_menu.addAction(action)  # Samtal → Akut fara (F5) …


def add_call_menu(window: MainWindow) -> None:
    """Fill the Samtal menu: Nytt samtal first, the jump keys, then compact mode."""
    for section in window.sections():
        if isinstance(section, SamtalSection):
            menu = window.call_menu
            first = menu.actions()[0] if menu.actions() else None
            # The key is the page's (it works in Samtalsstöd; Stödkatalog's Ctrl+N is Ny post).
            new = window.add_menu_entry(
                menu, _("&Nytt samtal"), lambda s=section: new_call(window, s), _("Ctrl+N")
            )
            if first is not None:
                menu.insertAction(first, new)
                menu.insertSeparator(first)
            menu.addSeparator()
            window.add_menu_entry(
                menu, _("&Kompakt läge, alltid överst"), section.toggle_compact, _("Ctrl+Skift+K")
            )


def new_call(window: MainWindow, section: SamtalSection) -> None:
    """Samtal → Nytt samtal: show the call support and end the call in it."""
    window.show_section_id(section.id)
    section.new_call()


def add_directory_file_entries(window: MainWindow) -> None:
    """Arkiv → the directory's import and export, beside the page's keys (``ui/katalog/__init__``)."""
    from PySide6.QtGui import QKeySequence

    from fkstod.ui.katalog import EXPORT_KEYS, IMPORT_KEYS
    from fkstod.ui.shortcuts_dialog import key_text

    for section in window.sections():
        if isinstance(section, KatalogSection):

            def shown(do: Callable[[KatalogSection], None], s: KatalogSection = section) -> None:
                window.show_section_id(s.id)
                do(s)

            menu = window.file_menu
            window.add_menu_entry(
                menu,
                _("&Importera till stödkatalogen…"),
                lambda: shown(lambda s: s.import_file()),
                key_text(QKeySequence(IMPORT_KEYS)),
            )
            for text, fmt in (
                (_("Exportera stödkatalogen som E&xcel-arbetsbok…"), "xlsx"),
                (_("&Exportera stödkatalogen som CSV…"), "csv"),
                (_("Exportera stödkatalogen som &HSDS-paket…"), "hsds"),
            ):
                window.add_menu_entry(
                    menu,
                    text,
                    lambda f=fmt: shown(lambda s: s.export_file(f)),
                    key_text(QKeySequence(EXPORT_KEYS[fmt])),
                )


def add_training_entries(window: MainWindow) -> None:
    """Visa → present and practise the case chosen; Arkiv → its diagram and handout.

    The keys stay the Övning page's (``ovning/keys.py``; Enter in its list presents
    too); the menus show them, and an entry works from any section.
    """
    from PySide6.QtGui import QKeySequence

    from fkstod.ui.ovning.keys import KEYS
    from fkstod.ui.shortcuts_dialog import key_text

    for section in window.sections():
        if isinstance(section, OvningSection):

            def on_page(name: str, s: OvningSection = section) -> None:
                window.show_section_id(s.id)
                getattr(s.build(), name)()

            for menu, text, name in (
                (window.view_menu, _("Visa övningsfallet för en &grupp"), "present"),
                (window.view_menu, _("Öva s&jälv"), "practise"),
                (window.file_menu, _("Spara övningens &diagram…"), "save_diagram"),
                (window.file_menu, _("Spara övningens &utdelning som PDF…"), "save_handout"),
            ):
                keys = key_text(QKeySequence(KEYS[name]))
                window.add_menu_entry(menu, text, lambda n=name: on_page(n), keys)


def call_jumps(window: MainWindow) -> list[tuple[str, str, Callable[[], object]]]:
    """Return (key, title, what to call) for each of the call support's jump keys."""
    return [
        (keys, title, lambda s=section, f=flow_id: jump(window, s, f))
        for section in window.sections()
        if isinstance(section, SamtalSection)
        for keys, title, flow_id in section.jump_keys()
    ]


def add_statistik_actions(window: MainWindow) -> None:
    """Put "Exportera statistik…" and "Sammanställ exporter…" in Arkiv, with their keys."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    from fkstod.ui.statistik.keys import AGGREGATE_KEYS, EXPORT_KEYS

    def run(name: str) -> None:
        section = window.show_section_id(StatistikSection.id)
        assert isinstance(section, StatistikSection)
        getattr(section, name)()

    for text, keys, name in (
        (_("Exportera s&tatistik…"), EXPORT_KEYS, "export"),
        (_("Sa&mmanställ exporter…"), AGGREGATE_KEYS, "aggregate"),
    ):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _=False, n=name: run(n))
        window.file_menu.insertAction(window.quit_action, action)
    window.file_menu.insertSeparator(window.quit_action)


def jump(window: MainWindow, section: SamtalSection, flow_id: str) -> None:
    """Show the call support and start a jump flow in it."""
    window.show_section_id(section.id)
    section.jump(flow_id)


def remembered_section(window: MainWindow, value: object) -> int:
    """Return the index of the remembered section: by id, or an older version's index."""
    if isinstance(value, str) and window.index_of(value) >= 0:
        return window.index_of(value)
    # Before sections had ids, the setting held the position in the list.
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 0 <= value < len(window.sections())
    ):
        return value
    return 0


def restore_window_state(window: MainWindow, settings: Settings) -> None:
    """Give the window its remembered size and place, and show the remembered section."""
    geometry = settings.get(GEOMETRY_KEY)
    restored = False
    if isinstance(geometry, str):
        from PySide6.QtCore import QByteArray

        restored = window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
    if not restored:
        window.resize(1100, 760)
    fit_to_screen(window)
    # The keyboard starts in the section, not in the list.
    window.show_section(remembered_section(window, settings.get(SECTION_KEY, 0)))


def refit(window: MainWindow) -> None:
    """Fit the window to the screen again, its least size taken anew (a new text size)."""
    from PySide6.QtCore import QCoreApplication

    # A new font reaches the layouts a level a turn (each asks its parent to lay out
    # again): let every level take it, so that the least size is the new text's.
    for _turn in range(32):
        before = window.minimumSize()
        QCoreApplication.sendPostedEvents()
        layout = window.layout()
        if layout is not None:
            layout.activate()
        if window.minimumSize() == before:
            break
    fit_to_screen(window)


def fit_to_screen(window: MainWindow) -> None:
    """Keep the window inside the screen's free area (without the taskbar).

    A size remembered on a bigger screen, or the default on a 1366×768 laptop,
    would put "Kopiera" and "Nytt samtal" below the screen's edge. A maximized or
    full-screen window is the system's to fit: a resize would make it a normal
    window again on some systems (Windows).
    """
    from PySide6.QtGui import QGuiApplication

    from fkstod.qt.screen_fit import fit_inside

    if window.isMaximized() or window.isFullScreen():
        return

    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen()
    if screen is None:
        return
    fit_inside(window, screen)


def keep_on_screen(window: MainWindow) -> None:
    """Fit the window to its screen again whenever the screens change while it runs.

    Undocked, a window as large as the office screen stays as large on the laptop's.
    """
    from fkstod.qt.screen_watch import ScreenWatch

    watch = ScreenWatch(window)
    watch.changed.connect(lambda: None if window.isMinimized() else fit_to_screen(window))


def remember(settings: Settings, key: str, value: object, what: str) -> None:
    """Store a preference of the window's; if the database refuses, say so on stderr only.

    A size or a section not kept is no reason to interrupt a call, or a close, with a
    dialog; the next start uses the old value.
    """
    try:
        settings.set(key, value)
    except store.ReadOnlyError:
        pass  # a data folder that cannot be written: the start said so, once
    except store.StoreError as exc:
        print(
            "fkstod: " + _("{what} kunde inte sparas: {why}").format(what=what, why=exc),
            file=sys.stderr,
        )


def keep_window_state(window: MainWindow, settings: Settings) -> None:
    """Save the window's size, place and section a moment after each change, and at close.

    Not only at close: a window ended without it (kill -9, a logout, the power gone)
    comes back as it was left. A value the database already holds is not written again.
    """
    from fkstod.qt.state_keeper import StateKeeper

    kept: dict[str, object] = {}

    def save() -> None:
        geometry = bytes(window.normal_geometry().toBase64().data()).decode("ascii")
        state = {GEOMETRY_KEY: geometry, SECTION_KEY: window.current_section_id()}
        if state != kept:
            save_window_state(window, settings)
            kept.update(state)

    keeper = StateKeeper(window, save)
    window.navigation.currentRowChanged.connect(keeper.changed)
    window.closing.connect(keeper.stop)
    window.closing.connect(lambda: save_window_state(window, settings))


def save_window_state(window: MainWindow, settings: Settings) -> None:
    """Remember the window's normal size and place and the section shown (by id)."""
    geometry = window.normal_geometry()  # never the narrow compact size
    where = _("fönstrets storlek och läge")
    remember(settings, GEOMETRY_KEY, bytes(geometry.toBase64().data()).decode("ascii"), where)
    remember(settings, SECTION_KEY, window.current_section_id(), where)


def show_about(data_folder: Path, parent: MainWindow) -> None:
    """Show Hjälp → Om fkstod (imported on demand: it is not needed at start)."""
    from fkstod.ui.about_dialog import AboutDialog

    AboutDialog(data_folder, paths.resource_mode(), parent).exec()


def show_shortcuts(window: MainWindow) -> None:
    """Show Hjälp → Kortkommandon (F1): every key, read from the window as it is now."""
    from fkstod.ui.shortcuts_dialog import ShortcutsDialog, window_keys

    for index in range(len(window.sections())):
        window.page(index)  # a section not yet built has keys too
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    dialog = ShortcutsDialog(window_keys(window, sections), window)
    dialog.exec()
    dialog.deleteLater()


def expert_support_text() -> tuple[str, str]:
    """Return the title and text that point to the agency's experts on violence.

    The address is a setting in resources/config.toml; fkstod never sends anything.
    """
    from fkstod.core.config import config

    address = str(config().get("internt_stod", {}).get("funktionsbrevlada", "")).strip()
    title = _("Internt expertstöd")
    if not address:
        return title, _(
            "Ingen adress till funktionsbrevlådan för expertstöd är inställd i den här "
            "installationen. Fråga din samordnare eller chef vart du vänder dig i svåra ärenden."
        )
    return title, _(
        "I svåra ärenden kan du få råd av myndighetens experter på våld i nära relationer. "
        "Skriv till funktionsbrevlådan {address}. Beskriv ärendet utan att någon kan "
        "identifieras. fkstod skickar ingenting själv."
    ).format(address=address)


def install_excepthook(dialogs: Dialogs) -> None:
    """Show an unexpected error in Swedish and keep running: what the user typed stays.

    Nothing is written to disk: an exception's message may hold what the user typed.
    """

    def hook(exc_type, exc, tb) -> None:
        import traceback

        if not isinstance(exc, store.ReadOnlyError):  # a refusal, not a fault: no traceback
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        if isinstance(exc, store.DatabaseReplacedError) and exc.told:
            return  # the window says it, once (build_window, Db.on_replaced)
        if issubclass(exc_type, store.StoreError):
            # A save that failed (locked, read-only, disk full): its message is ours,
            # in Swedish, and never holds what the user typed.
            dialogs.error(_("Det gick inte att spara"), str(exc))
            return
        if issubclass(exc_type, sqlite3.Error):
            # One no code put into words: SQLite's English is never shown.
            dialogs.error(
                _("Databasfel"),
                _(
                    "Databasen svarade med ett fel ({reason}). Programmet fortsätter, och det "
                    "du har skrivit finns kvar."
                ).format(reason=describe_db_error(exc)),
            )
            return
        dialogs.error(
            _("Ett oväntat fel"),
            _(
                "Något gick fel i fkstod ({kind}). Programmet fortsätter, och det du har skrivit "
                "finns kvar. Om felet kommer tillbaka: starta om fkstod och berätta för "
                "supporten vad du gjorde."
            ).format(kind=exc_type.__name__),
        )

    sys.excepthook = hook


def _wait_for_command(app: QApplication, instance: SingleInstance) -> bool:
    """Wait up to ``WAIT_SECONDS`` for a command to let go of the folder, and say so."""
    from PySide6.QtWidgets import QMessageBox

    text = _(
        "Ett fkstod-kommando ändrar i datamappen just nu. fkstod startar när det är klart "
        "(högst {n} sekunder)."
    ).format(n=int(folder_lock.WAIT_SECONDS))
    print(text, file=sys.stderr, flush=True)
    box = QMessageBox(QMessageBox.Icon.Information, _("fkstod väntar"), text)
    box.setStandardButtons(QMessageBox.StandardButton.NoButton)
    box.show()
    deadline = time.monotonic() + folder_lock.WAIT_SECONDS
    try:
        while time.monotonic() < deadline:
            app.processEvents()
            if instance.claim(0.1):
                return True
        return False
    finally:
        box.close()
        box.deleteLater()


#: How long a start whose data folder cannot be written asks a window already running on
#: it to come forward. Such a window holds no lock (it cannot make the lock file, and
#: needs none: it writes nothing, so it is never a second writer beside another), so
#: only its socket (``SingleInstance.listen``, outside the folder) tells it is there.
READ_ONLY_ASK_MS = 300


def _for_want_of_rights(error: OSError | None) -> bool:
    """Return True when the lock file could not be made or opened for want of rights."""
    return error is None or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def _lock_problem(folder: Path, instance: SingleInstance) -> str:
    """Return why the window could not take the folder's lock, the rights being fine.

    A folder, a pipe or a link where the lock file belongs: the lock file is named. (A
    folder the caseworker may not write to starts the window without writing instead.)
    """
    error = instance.claim_error
    assert error is not None
    return _(
        "Datamappen {folder} kan inte låsas ({lock}: {reason}). Flytta bort {lock} eller välj "
        "en annan mapp med --data-dir; ingenting har ändrats."
    ).format(folder=folder, lock=instance.lock_path.name, reason=describe_os_error(error))


def quit_on_signals(window: MainWindow) -> QuitOnSignals:
    """Close ``window`` as Avsluta does on SIGTERM or SIGINT (``qt/quit_signals.py``)."""
    from fkstod.qt.quit_signals import QuitOnSignals

    return QuitOnSignals(window)


def run_gui(data_dir: str | None = None, exit_when_ready: bool = False) -> int:
    """Start the GUI and return its exit code."""
    # The focus frame is a style around Qt's, drawn in Python for every control:
    # given once the first frame is shown, the start does not wait for it (the
    # style's classes and their enums cost ~8 ms) and the frame is there before
    # a caseworker can press a key.
    app = make_application(focus_style=False)
    dialogs = QtDialogs()
    folder = paths.data_dir(data_dir)
    writable = True
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        writable = False  # not even made: the window runs without it (build_services)

    instance = SingleInstance(folder)
    if writable and not instance.claim():
        if not instance.folder_is_writable():
            if not _for_want_of_rights(instance.claim_error):
                dialogs.error(_("fkstod kan inte starta"), _lock_problem(folder, instance))
                return 1
            # Nothing can be written there: the window runs without writing, and so
            # without the lock (see ``READ_ONLY_ASK_MS``).
            writable = False
        else:
            holder = instance.holder()
            role = holder.role if holder is not None else ""
            if role != folder_lock.COMMAND and instance.ask_owner_to_activate():
                print(_("fkstod körs redan; det fönstret har tagits fram."), file=sys.stderr)
                return 0
            if role == folder_lock.WINDOW:
                dialogs.error(
                    _("fkstod körs redan"),
                    _(
                        "fkstod körs redan med datamappen {folder} men svarar inte. Vänta en "
                        "stund och försök igen, eller avsluta det andra fkstod (går det inte "
                        "att stänga: i Aktivitetshanteraren). Ingenting har ändrats."
                    ).format(folder=folder),
                )
                return 1
            # A command is changing the data folder: the window waits for it, not beside it.
            if not _wait_for_command(app, instance):
                dialogs.error(
                    _("fkstod kan inte starta"),
                    _(
                        "Ett fkstod-kommando ändrar i datamappen {folder} just nu. Vänta tills "
                        "det är klart och starta fkstod igen; ingenting har ändrats."
                    ).format(folder=folder),
                )
                return 1
    if not writable and instance.ask_owner_to_activate(READ_ONLY_ASK_MS):
        # A window already runs on this folder without writing: it comes forward.
        print(_("fkstod körs redan; det fönstret har tagits fram."), file=sys.stderr)
        return 0

    try:
        services, notice = build_services(folder, writable=writable)
    except store.StoreError as exc:
        dialogs.error(_("fkstod kan inte starta"), str(exc))
        instance.release()
        return 1

    window = build_window(services, dialogs)
    install_excepthook(dialogs)
    instance.activation_requested.connect(window.bring_forward)
    window.ready.connect(lambda: QTimer.singleShot(0, lambda: install_focus_style(app)))
    window.ready.connect(instance.listen)
    # Once painted, build the other sections while the caseworker reads the first.
    window.ready.connect(lambda: QTimer.singleShot(50, window.build_pending_sections))
    if notice and not services.writable:  # said once: what is not saved, and why
        QTimer.singleShot(0, lambda: dialogs.info(_("fkstod kan inte spara just nu"), notice))
    elif notice:
        QTimer.singleShot(0, lambda: dialogs.info(_("Databasen har återskapats"), notice))
    protected_notice = services.writable and store.write_protected_notice(
        paths.database_path(folder)
    )
    if protected_notice:
        QTimer.singleShot(0, lambda: dialogs.info(_("Databasen är skrivskyddad"), protected_notice))
    if exit_when_ready:
        window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    # SIGTERM (a logout, kill) and Ctrl+C in a terminal close the window as Avsluta
    # does; made after the first frame (the socket module costs the start 4 ms).
    quit_signals: list[QuitOnSignals] = []
    window.ready.connect(lambda: quit_signals.append(quit_on_signals(window)))
    window.show()
    code = app.exec()
    for handler in quit_signals:
        handler.restore()
    # The loop may end without a close (a session ended, --exit-when-ready): the
    # window's own close work is done now, so nothing of it writes after the close below.
    window.shut_down()
    # Closing writes (the last checkpoint, the clean close's mark): done while the
    # window still holds the folder, as a command's Db.close does before its release.
    try:
        services.db.close()
    finally:
        instance.release()
    return code

"""The main window: section navigation on the left, the section on the right.

Signals:
    ready: the window has been painted for the first time.
    text_scale_changed(float): the user changed the text size.
    closing(): the window is about to close (save what must be saved).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fkstod.qt.close_guard import CloseGuard
from fkstod.qt.relative_size import keep_relative_size
from fkstod.ui.section import Section
from fkstod.ui.widgets.accent_room import give_accent_room
from fkstod.ui.widgets.pass_keys import shortcuts_before_editing

TEXT_SCALE_MIN, TEXT_SCALE_MAX, TEXT_SCALE_STEP = 0.8, 2.5, 0.1
#: Between a section's name and its key in the section list (Qt draws it as a new line).
KEY_SEPARATOR = "\u2028"


def text_scale_within(scale: object) -> float:
    """Return ``scale`` within the sizes the keys can reach; 1.0 for what is no size at all.

    A stored size comes from the user's database, which may hold anything.
    """
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not math.isfinite(scale):
        return 1.0
    return round(min(TEXT_SCALE_MAX, max(TEXT_SCALE_MIN, scale)), 2)


class MainWindow(QMainWindow):
    """The window a caseworker keeps open all day."""

    ready = Signal()
    text_scale_changed = Signal(float)
    closing = Signal()
    about_requested = Signal()
    shortcuts_requested = Signal()
    expert_support_requested = Signal()
    #: The user switched Övningsläge on (True) or off (False) from the menu or its key.
    training_requested = Signal(bool)

    def __init__(self, text_scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = self.tr("fkstod – stöd vid frågor om våld i nära relationer")
        self.setWindowTitle(self._title)
        self.setAccessibleName(self.tr("fkstod huvudfönster"))
        self.text_scale = text_scale_within(text_scale)
        self._painted = False
        self._shut_down = False  # shut_down() done: by a close, or the loop's end
        self.compact = False
        self._normal_geometry: QByteArray | None = None
        self._page_policies: dict[int, QSizePolicy.Policy] = {}

        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Avsnitt"))
        self.navigation.setAccessibleDescription(self.tr("Välj avsnitt med Ctrl+1 till Ctrl+9"))
        # As wide as the longest section name at the text size in use (fit_navigation).
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.installEventFilter(self)
        give_accent_room(self.navigation)  # "Övning", not "Ovning"
        self.pages = QStackedWidget()
        # Sections are built when first shown (or when the app is idle after the
        # first paint), so that start-up builds one page.
        self._sections: list[Section] = []
        self._factories: dict[int, Callable[[], QWidget]] = {}
        self._built: dict[int, QWidget] = {}
        self._prepared: set[int] = set()
        self.navigation.currentRowChanged.connect(self._on_row_changed)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        # Övningsläge says so in words across the window, not by a colour alone.
        self.training_banner = QLabel(self.tr("ÖVNINGSLÄGE – fiktiva fall, inget räknas"))
        self.training_banner.setObjectName("training_banner")
        self.training_banner.setAccessibleName(self.tr("Övningsläge är på"))
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setStyleSheet(
            "QLabel#training_banner { background: #ffd400; color: #000000; font-weight: bold;"
            " padding: 6px; border-bottom: 3px dashed #000000; }"
        )
        keep_relative_size(self.training_banner, 1.3, bold=True)  # not "em": Qt ignores it
        self.training_banner.hide()
        outer.addWidget(self.training_banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(9, 9, 9, 9)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&Arkiv"))
        # Nytt samtal, the jump keys and compact mode (filled by app.py).
        self.call_menu = bar.addMenu(self.tr("Sa&mtal"))
        self.view_menu = bar.addMenu(self.tr("&Visa"))
        self.help_menu = bar.addMenu(self.tr("&Hjälp"))
        self._section_actions: list[QAction] = []

        # What sections add to Arkiv (import, export) goes above this line, one entry each.
        self.file_separator = self.file_menu.addSeparator()
        self.quit_action = self._action(
            # Not StandardKey.Quit: it has no key on Windows, where fkstod is used.
            self.file_menu,
            self.tr("&Avsluta"),
            QKeySequence("Ctrl+Q"),
            self.close,
        )
        self._section_separator = self.view_menu.addSeparator()
        self._action(
            self.view_menu,
            self.tr("&Större text"),
            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")],
            lambda: self.set_text_scale(self.text_scale + TEXT_SCALE_STEP),
        )
        self._action(
            self.view_menu,
            self.tr("&Mindre text"),
            QKeySequence("Ctrl+-"),
            lambda: self.set_text_scale(self.text_scale - TEXT_SCALE_STEP),
        )
        self._action(
            self.view_menu,
            self.tr("&Normal textstorlek"),
            QKeySequence("Ctrl+0"),
            lambda: self.set_text_scale(1.0),
        )
        self.view_menu.addSeparator()
        self.training_action = self._action(
            self.view_menu,
            self.tr("Ö&vningsläge"),
            [QKeySequence("Ctrl+Shift+Ö"), QKeySequence("Ctrl+Shift+O")],
            lambda: self.training_requested.emit(self.training_action.isChecked()),
        )
        self.training_action.setCheckable(True)
        # The window's key, not the application's: the presenter's windows have keys of their own.
        self.training_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.expert_action = self._action(
            self.help_menu,
            self.tr("&Internt expertstöd…"),
            QKeySequence("Ctrl+Shift+E"),
            self.expert_support_requested.emit,
        )
        self.shortcuts_action = self._action(
            self.help_menu,
            self.tr("&Kortkommandon"),
            QKeySequence("F1"),
            self.shortcuts_requested.emit,
        )
        self.about_action = self._action(
            # F1 is the list of keys; Ctrl+F1 the window about it (no line edit takes it).
            self.help_menu,
            self.tr("&Om fkstod"),
            QKeySequence("Ctrl+F1"),
            self.about_requested.emit,
        )
        self.installEventFilter(self)
        # Ctrl+E is Ändra in Stödkatalog's search field on X11 too, not "end of line".
        shortcuts_before_editing(self)
        # A report in progress or an edited note is never thrown away without asking;
        # an unbuilt page has neither.
        self.installEventFilter(CloseGuard(self.sections_may_close, self))

    def _action(self, menu: QMenu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def add_menu_entry(
        self, menu: QMenu, text: str, slot: Callable[[], object], keys: str = ""
    ) -> QAction:
        """Add an entry to ``menu`` whose key, if any, is owned elsewhere (a section's).

        ``keys`` is shown beside the text only: a second shortcut on the same key
        would make both ambiguous, and neither would run.
        """
        action = QAction(f"{text}\t{keys}" if keys else text, self)
        action.triggered.connect(lambda _=False: slot())
        before = self.file_separator if menu is self.file_menu else None
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        return action

    def add_shortcut(self, keys: str, text: str, slot: Callable[[], object]) -> QAction:
        """Add a key that works in every section of the window (not in a menu).

        Args:
            keys: the key sequence, e.g. "F5".
            text: what the key does, for screen readers and tooltips.
            slot: what to call.
        """
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        return action

    def add_section(self, section: Section) -> int:
        """Add a section to the navigation; return its index (Ctrl+index+1 shows it).

        Its page is built by ``section.build()`` when first needed.
        """
        title = section.title
        holder = QWidget()
        holder.setAccessibleName(title)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        index = self.pages.addWidget(holder)
        self._sections.append(section)
        self._factories[index] = section.build
        # The key under the name ("Samtalsstöd" over "Ctrl+1"), not beside it: the
        # list stays as narrow as its longest name. A line separator, as Qt itself
        # turns "\n" into; the item's accessible name is the title alone.
        key = f"Ctrl+{index + 1}" if index < 9 else ""
        item = QListWidgetItem(f"{title}{KEY_SEPARATOR}{key}" if key else title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        if key:
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, key)
        self.navigation.addItem(item)
        self.fit_navigation()
        if index < 9:
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _=False, i=index: self.show_section(i))
            self.view_menu.insertAction(self._section_separator, action)
            self._section_actions.append(action)
        return index

    def sections(self) -> list[Section]:
        """Return the sections in the order shown."""
        return list(self._sections)

    def index_of(self, section_id: str) -> int:
        """Return the index of the section with ``section_id``, or -1 if there is none."""
        return next((i for i, s in enumerate(self._sections) if s.id == section_id), -1)

    def built_sections(self) -> list[Section]:
        """Return the sections whose page has been built, in order."""
        return [s for i, s in enumerate(self._sections) if i in self._built]

    def sections_may_close(self) -> bool:
        """Ask each built section, in order, whether the window may close (stop at a no)."""
        return all(section.may_close() for section in self.built_sections())

    def show_section_id(self, section_id: str) -> Section:
        """Show the section with ``section_id`` and return it."""
        index = self.index_of(section_id)
        self.show_section(index)
        return self._sections[index]

    def current_section_id(self) -> str:
        """Return the id of the section shown."""
        index = self.pages.currentIndex()
        return self._sections[index].id if 0 <= index < len(self._sections) else ""

    def fit_navigation(self) -> None:
        """Make the section list as wide as its longest name, with room either side."""
        nav = self.navigation
        metrics = nav.fontMetrics()
        widest = max(
            (
                metrics.horizontalAdvance(line)
                for i in range(nav.count())
                for line in nav.item(i).text().split(KEY_SEPARATOR)
            ),
            default=0,
        )
        nav.setFixedWidth(widest + 2 * metrics.averageCharWidth() + 2 * nav.frameWidth())

    def page(self, index: int) -> QWidget:
        """Return the page of section ``index``, building it if it was added as a factory."""
        if index in self._factories:
            factory = self._factories.pop(index)
            page = factory()
            holder = self.pages.widget(index)
            holder.layout().addWidget(page)
            holder.setFocusProxy(page)
            self._built[index] = page
        return self._built[index]

    def built_page(self, index: int) -> QWidget | None:
        """Return the page of section ``index`` if it has been built, else None."""
        return self._built.get(index)

    def build_pending_sections(self) -> None:
        """Build the sections not yet built, in pieces: one per turn of the event loop.

        Each section first prepares what it needs (``prepare``, a piece a turn),
        then, on the next turn, builds its page; none while a built page is still
        ``loading`` its data in slices, and none once the window is shut down.
        """
        if self._shut_down:
            return  # the database may be closed: a page built now would read it
        if not self._factories:
            self._finish_built_pages()
            return
        if any(
            getattr(page, "loading", False) and not getattr(page, "failed", False)
            for page in self._built.values()
        ):
            # A page still reads its data in slices (Stödkatalog): the next page is
            # built after it, into the memory its reading used and let go, not on top
            # of it (at 50 000 entries 10 MB less at the peak). Shown, it is built at once.
            # One whose reading failed stays "loading" for good: it holds up nothing.
            QTimer.singleShot(20, self.build_pending_sections)
            return
        index = min(self._factories)
        if index not in self._prepared:
            if self._sections[index].prepare():
                self._prepared.add(index)
        else:
            self.page(index)
        QTimer.singleShot(0, self.build_pending_sections)

    def _finish_built_pages(self) -> None:
        # Last, a page a turn: a built page that made only what its first frame
        # shows (Samtalsstöd: the flow picker) makes the rest (``unfinished``, ``finish``).
        for page in self._built.values():
            if getattr(page, "unfinished", False):
                page.finish()  # type: ignore[attr-defined]
                QTimer.singleShot(0, self.build_pending_sections)
                return

    def _on_row_changed(self, index: int) -> None:
        if index >= 0:
            self.page(index)
            self.pages.setCurrentIndex(index)
            self._sections[index].shown()

    def show_section(self, index: int) -> None:
        """Show the section at ``index`` and move the keyboard focus into it.

        A page says where its focus belongs with ``setFocusProxy``; it arrives there as
        a shortcut's, so a line edit's text is selected and typing replaces it.
        """
        focus = QApplication.focusWidget()
        if focus is not None and self.pages.isAncestorOf(focus):
            # Out of the pages first: the stack would move the focus into the new page
            # itself, without a reason, and the shortcut's focus below would find it there
            # already: Ctrl+2 and the next caller's need added to the last search.
            self.navigation.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.navigation.setCurrentRow(index)
        self.page(index)
        self.pages.widget(index).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_section(self) -> int:
        """Return the index of the section shown."""
        return self.pages.currentIndex()

    def set_text_scale(self, scale: float) -> None:
        """Change the text size (clamped) and tell whoever applies and stores it."""
        scale = text_scale_within(scale)
        if scale != self.text_scale:
            self.text_scale = scale
            self.text_scale_changed.emit(scale)

    def set_compact(self, compact: bool, section: int, width: int = 460) -> None:
        """Make the window narrow and always on top beside the case system, or normal again."""
        on_top = Qt.WindowType.WindowStaysOnTopHint
        if compact:
            if not self.compact:  # a second call must not store the narrow size
                self._normal_geometry = self.saveGeometry()
            self.show_section(section)
        self.compact = compact
        self.navigation.setVisible(not compact)
        self._ignore_other_pages(compact, section)
        if compact:
            # The minimum width must follow the narrow layout before the resize, or the
            # resize stops at the wide one. Each nested layout passes the change up by a
            # posted event, and only while the window is shown: run them all now, before
            # the window flag below hides the window.
            for _ in range(4):
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.resize(width, self.height())
        handle = self.windowHandle()
        if handle is not None and self.isVisible():
            # Told to the shown window itself: setWindowFlag would hide it and show it again,
            # and a window shown again is not made active: no widget has the focus (no frame,
            # no keys hint) until a click.
            flags = self.windowFlags()
            flags = flags | on_top if compact else flags & ~on_top
            self.overrideWindowFlags(flags)  # the widget's record of its flags, nothing more
            handle.setFlags(flags)
        else:
            self.setWindowFlag(on_top, compact)
        if not compact and self._normal_geometry is not None:
            self.restoreGeometry(self._normal_geometry)
        self.show()  # changing a window flag hides the window

    def normal_geometry(self) -> QByteArray:
        """Return the geometry to remember: the normal one, also while compact.

        The app starts in normal mode, so a narrow size saved at closing would
        open a narrow window that is not compact.
        """
        if self.compact and self._normal_geometry is not None:
            return self._normal_geometry
        return self.saveGeometry()

    def _ignore_other_pages(self, ignore: bool, section: int) -> None:
        # A stack is as wide as its widest page, shown or not: in compact mode only
        # the section shown may set the window's minimum width.
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            policy = page.sizePolicy()
            if ignore and index != section:
                self._page_policies.setdefault(index, policy.horizontalPolicy())
                policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            elif not ignore and index in self._page_policies:
                policy.setHorizontalPolicy(self._page_policies.pop(index))
            page.setSizePolicy(policy)
        # A hidden page's new policy does not reach the stack's layout by itself.
        self.pages.layout().invalidate()

    def set_training(self, on: bool) -> None:
        """Show or hide Övningsläge's banner, and say it in the window's title."""
        self.training_action.setChecked(on)
        self.training_banner.setVisible(on)
        prefix = self.tr("ÖVNINGSLÄGE – ") if on else ""
        self.setWindowTitle(prefix + self._title)

    def bring_forward(self) -> None:
        """Show the window on top, restored if minimised (a second start asked for it)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.navigation and event.type() == QEvent.Type.FontChange:
            self.fit_navigation()  # the text size changed: the names must still fit
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.ready.emit()
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """End the sections' work and emit ``closing`` (once): what a close does.

        Also called when the event loop ended without a close (``run_gui``), before the
        database is closed: nothing of the window writes to it after that.
        """
        if self._shut_down:
            return
        self._shut_down = True
        for section in self.built_sections():
            section.shutdown()
        self.closing.emit()

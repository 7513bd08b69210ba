"""The least a real main window costs over the bare one: for reading the start-up ratio.

No fkstod code: a ``QMainWindow`` with what every usable window has and the
bare one (``bare_window.py``) has not — a menu bar with a few entries and their
keys, a list, a search field holding the focus, the ``Qt`` namespace touched
(alignment, focus), text measured and painted. PySide6 makes the Python enums of
a class the first time the class is used; for the ``Qt`` namespace that is over
90 enums at once. Prints ``time.monotonic()`` at the first paint, as the others.

``QuitWhenPainted`` is the bare window's, written out again on purpose: each
reference window imports nothing but PySide6, so neither pays for a module of ours.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)


class QuitWhenPainted(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print(time.monotonic(), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("plain")
window.resize(1100, 760)
for title in ("&Arkiv", "&Samtal", "&Visa", "&Hjälp"):
    menu = window.menuBar().addMenu(title)
    for n in range(4):
        action = QAction(f"Post {n + 1}", window)
        action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
        menu.addAction(action)
central = QWidget()
row = QHBoxLayout(central)
sections = QListWidget()
sections.addItems(["Samtalsstöd", "Stödkatalog", "Orosanmälan", "Statistik", "Övning"])
sections.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
row.addWidget(sections)
column = QVBoxLayout()
search = QLineEdit()
search.setPlaceholderText("Sök flöde")
search.setAlignment(Qt.AlignmentFlag.AlignLeft)
column.addWidget(search)
flows = QListWidget()
flows.addItems([f"Flöde {n}" for n in range(13)])
column.addWidget(flows)
row.addLayout(column)
window.setCentralWidget(central)
watcher = QuitWhenPainted()
window.installEventFilter(watcher)
window.show()
search.setFocus()
sys.exit(app.exec())

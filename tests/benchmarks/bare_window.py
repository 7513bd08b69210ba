"""A bare PySide6 main window that quits once painted: the baseline for start-up.

Prints ``time.monotonic()`` at its first paint, as ``app_probe.py`` records fkstod's.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


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
window.setWindowTitle("bare")
window.resize(1100, 760)
watcher = QuitWhenPainted()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())

"""Kept open all day: the real window through 1 000 conversations by keys (offscreen).

Each conversation arrows down to a flow in the list and presses Enter, then
answers by digit keys, goes on with Enter, now and then steps back
(Backspace), makes a global jump (F5–F8) or leaves a jump (Esc); at the end it
sometimes types in the note and copies it (Ctrl+Shift+C), then starts a new call
(Ctrl+N). A conversation that has not ended after 60 keys is left with Esc, as
a caseworker does when the call ends early. The choices come from a seeded
random generator, so every run plays the same day.

The figures: resident memory (RSS) and the window's height over the run, and,
for every flow, how many runs were started against how many were ended
(completed + abandoned): they must be equal. Also checked: the private
clipboard remembers at most one copy.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import Result

CONVERSATIONS = 1_000
MAX_KEYS = 60
SEED = 16


def rss_mb() -> float:
    """Return this process's resident memory in MB (Linux /proc)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> list[Result]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from fkstod import app as fkapp
    from fkstod.qt import private_clipboard

    class Dialogs:
        """Every question answered yes; nothing else asked."""

        def confirm(self, *_a) -> bool:
            return True

        def __getattr__(self, _name):
            return lambda *_a, **_k: None

    qapp = fkapp.make_application()
    rng = random.Random(SEED)
    ctrl = Qt.KeyboardModifier.ControlModifier
    ctrl_shift = ctrl | Qt.KeyboardModifier.ShiftModifier
    heights: list[int] = []
    memory: list[tuple[int, float]] = []
    widgets: list[tuple[int, int]] = []
    keys = Counter[str]()
    first = Counter[str]()  # the flow each conversation started in
    with tempfile.TemporaryDirectory(prefix="fkstod-soak-") as tmp:
        services, _notice = fkapp.build_services(Path(tmp))
        window = fkapp.build_window(services, Dialogs())  # type: ignore[arg-type]
        window.resize(1000, 720)
        window.show()
        window.activateWindow()
        qapp.processEvents()
        window.show_section(0)
        page = window.page(0)
        jump_keys = [Qt.Key.Key_F5, Qt.Key.Key_F6, Qt.Key.Key_F7, Qt.Key.Key_F8]

        def press(key, mods=Qt.KeyboardModifier.NoModifier, name: str = "") -> None:
            target = QApplication.focusWidget() or window
            QTest.keyClick(target, key, mods)
            keys[name or str(key)] += 1

        started_at = time.perf_counter()
        for number in range(1, CONVERSATIONS + 1):
            # Clear the filter, arrow down to a flow of the list, Enter (QTest types no ä).
            page.picker.filter.setFocus()
            page.picker.filter.selectAll()
            press(Qt.Key.Key_Backspace, name="Backspace")
            listed = page.picker.list
            steps = rng.randrange(listed.count()) - listed.currentRow()
            for _ in range(abs(steps)):
                press(Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up, name="pil")
            press(Qt.Key.Key_Return, name="Enter")
            first[page.session.flow_id if page.session is not None else "(inget)"] += 1
            for _ in range(MAX_KEYS):
                view = page.stack.currentWidget()
                if view is page.picker:
                    break
                if view is page.summary:
                    if rng.random() < 0.15:
                        press(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, "Alt+Vänster")
                        continue
                    if rng.random() < 0.5:
                        press(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier, "Alt+T")
                        QTest.keyClicks(page.summary.note, f" samtal {number}")
                        press(Qt.Key.Key_C, ctrl_shift, "Ctrl+Skift+C")
                    press(Qt.Key.Key_N, ctrl, "Ctrl+N")
                    break
                session = page.session
                roll = rng.random()
                if roll < 0.04 and not session.in_jump:
                    press(rng.choice(jump_keys), name="hopp")
                elif roll < 0.07 and session.in_jump:
                    press(Qt.Key.Key_Escape, name="Esc")
                elif roll < 0.14 and session.can_go_back():
                    press(Qt.Key.Key_Backspace, name="Backspace")
                elif session.step.kind == "question":
                    choice = rng.randrange(min(9, len(session.step.options)))
                    press(Qt.Key(Qt.Key.Key_1 + choice), name="siffra")
                else:
                    press(Qt.Key.Key_Return, name="Enter")
            else:
                press(Qt.Key.Key_Escape, name="Esc")  # the call ended before the flow did
                if page.session is not None:
                    page.new_conversation()
            if page.stack.currentWidget() is not page.picker:
                page.new_conversation()
            qapp.processEvents()
            # What the app's event loop does between two calls: the widgets of the
            # steps shown (deleteLater) are deleted. processEvents() alone, outside
            # exec(), never does, and the soak would measure its own leak.
            qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            heights.append(window.height())
            if number == 1 or number % 100 == 0:
                memory.append((number, rss_mb()))
                widgets.append((number, len(QApplication.allWidgets())))
        elapsed = time.perf_counter() - started_at
        page.shutdown()
        runs = Counter()
        for c in services.usage.counts():
            if c.metric in ("flow_started", "flow_completed", "flow_abandoned"):
                runs[(c.labels["flow"], c.metric)] += c.count
        remembered = private_clipboard.remembered()
        private_clipboard.clear_private()
        window.close()
        services.db.close()

    print(f"   {CONVERSATIONS} samtal på {elapsed:.0f} s; tangenter: {dict(keys)}")
    print(f"   samtal per flöde: {dict(first)}")
    print("   RSS (MB) efter samtal: " + ", ".join(f"{n}: {mb:.1f}" for n, mb in memory))
    print("   widgetar efter samtal: " + ", ".join(f"{n}: {w}" for n, w in widgets))
    print(f"   fönstrets höjd: min {min(heights)}, max {max(heights)} px")
    unequal = 0
    for flow_id in sorted({f for f, _m in runs}):
        started = runs[(flow_id, "flow_started")]
        completed = runs[(flow_id, "flow_completed")]
        abandoned = runs[(flow_id, "flow_abandoned")]
        unequal += started != completed + abandoned
        print(
            f"   {flow_id:<28} startade {started:>4}  slutförda {completed:>4}  "
            f"avbrutna {abandoned:>4}  {'lika' if started == completed + abandoned else 'OLIKA'}"
        )
    # Growth after the first 100 conversations: the start pays for what is built once.
    settled = dict(memory).get(100, memory[0][1])
    return [
        Result(
            f"RSS-tillväxt, samtal 100–{CONVERSATIONS}",
            memory[-1][1] - settled,
            10,
            "MB",
            note=f"{settled:.0f} → {memory[-1][1]:.0f} MB",
        ),
        Result(
            f"widgetar som blivit fler, samtal 100–{CONVERSATIONS}",
            widgets[-1][1] - dict(widgets).get(100, widgets[0][1]),
            # The count moves by a few with the buttons of the last step shown (the
            # step view keeps them until the next step); a leak adds hundreds.
            20,
            "st",
            note=f"{dict(widgets).get(100, widgets[0][1])} → {widgets[-1][1]}",
        ),
        Result(
            "fönstrets höjd växer (största − första)",
            max(heights) - heights[0],
            0,
            "px",
            note=f"{heights[0]}…{max(heights)} px",
        ),
        Result(
            "flöden där startade ≠ slutförda + avbrutna",
            unequal,
            0,
            "st",
            note=f"{len({f for f, _m in runs})} flöden",
        ),
        Result("kopior som urklippet minns", remembered, 1, "st"),
    ]

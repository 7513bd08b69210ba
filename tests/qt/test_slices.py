"""Work in slices from a timer: done once, and a slice that raises stops the work."""

from __future__ import annotations

from fkstod.qt.slices import Slices


def test_the_work_runs_to_its_end_and_says_so_once(qtbot):
    calls = []
    slices = Slices(lambda budget: calls.append(budget) or len(calls) == 3)
    with qtbot.waitSignal(slices.finished, timeout=2000):
        slices.start()
    qtbot.wait(20)
    assert len(calls) == 3 and not slices.running


def test_a_slice_that_raises_stops_the_work_and_says_so_once(qtbot):
    """Never a slice after the fault: a loader's next step would call half the work done."""
    calls = []

    def step(_budget: float) -> bool:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk I/O error")
        return len(calls) > 2  # what an exhausted generator's next step says

    slices = Slices(step)
    done, failed = [], []
    slices.finished.connect(lambda: done.append(1))
    slices.failed.connect(failed.append)
    with qtbot.capture_exceptions() as raised:
        slices.start()
        qtbot.waitUntil(lambda: bool(failed), timeout=2000)
        qtbot.wait(20)
    assert calls == [1, 1] and done == [] and not slices.running
    assert [type(e) for e in failed] == [OSError]
    assert [type(e[1]) for e in raised] == [OSError]  # and to the excepthook, once

"""The one Dialogs protocol: the real dialogs and the tests' fake answer the same questions."""

from __future__ import annotations

import inspect

from fkstod.ui.dialogs import Dialogs, QtDialogs
from tests.ui.fakes import FakeDialogs


def _questions(cls) -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(member).parameters)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_the_real_dialogs_and_the_fake_implement_every_question_of_the_protocol():
    protocol = _questions(Dialogs)
    assert {"info", "error", "confirm", "open_file", "save_file", "choose_printer"} <= set(protocol)
    real = _questions(QtDialogs)
    fake = _questions(FakeDialogs)
    for name, parameters in protocol.items():
        assert real.get(name) == parameters, name
        assert fake.get(name) == parameters, name


def test_no_widget_opens_a_dialog_of_qt_by_itself():
    # Message boxes, file and print dialogs go through Dialogs, so a fake can answer them.
    from tests.conftest import REPO

    allowed = {REPO / "fkstod" / "ui" / "dialogs.py"}
    for path in (REPO / "fkstod" / "ui").rglob("*.py"):
        if path in allowed:
            continue
        text = path.read_text(encoding="utf-8")
        for name in ("QMessageBox", "QFileDialog", "QPrintDialog"):
            assert name not in text, f"{path.relative_to(REPO)}: {name}"

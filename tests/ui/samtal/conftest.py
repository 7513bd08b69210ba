"""Fixtures shared by the call page's tests."""

from __future__ import annotations

import pytest

from fkstod.ui.samtal.step_view import FlowStepView


@pytest.fixture
def view(qtbot) -> FlowStepView:
    """A step view on its own, shown at a laptop's size."""
    view = FlowStepView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view

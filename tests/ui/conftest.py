"""Fixtures for the window's tests: the real services on a test's data folder, fake dialogs."""

from __future__ import annotations

import pytest

from tests.ui.fakes import FakeDialogs


@pytest.fixture
def services(data_folder):
    """The app's services on the test's data folder (a new one: no notice to show)."""
    from fkstod import app as fkapp

    services, notice = fkapp.build_services(data_folder)
    assert notice is None
    yield services
    services.db.close()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()

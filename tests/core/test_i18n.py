"""The translation function must not touch the disk on every call."""

import os

from fkstod.core.i18n import _


def test_looking_up_a_string_does_not_search_for_catalogues(monkeypatch):
    calls = []
    real_exists = os.path.exists
    monkeypatch.setattr(os.path, "exists", lambda p: calls.append(p) or real_exists(p))
    for _i in range(100):
        assert _("Inga fel.") == "Inga fel."
    assert calls == []

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


def _mo(pairs: dict[str, str]) -> bytes:
    """Return a GNU gettext catalogue holding ``pairs`` (the format gettext reads)."""
    import struct

    keys = sorted(pairs)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(pairs[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, pos = [], 0
    for k in keys:
        offsets += [len(k.encode()), start + pos]
        pos += len(k.encode()) + 1
    trans, pos = [], 0
    for k in keys:
        trans += [len(pairs[k].encode()), start + len(ids) + pos]
        pos += len(pairs[k].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return (
        header
        + struct.pack(f"{len(offsets)}i", *offsets)
        + struct.pack(f"{len(trans)}i", *trans)
        + ids
        + strs
    )


def test_without_a_catalogue_the_text_is_the_swedish_source(monkeypatch, tmp_path):
    from fkstod.core import i18n

    monkeypatch.setattr(i18n.paths, "resource", lambda name: tmp_path / name)
    assert i18n._translator()("Inga fel.") == "Inga fel."


def test_an_installed_catalogue_translates(monkeypatch, tmp_path):
    from fkstod.core import i18n

    folder = tmp_path / "i18n" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "fkstod.mo").write_bytes(_mo({"Inga fel.": "No errors."}))
    monkeypatch.setattr(i18n.paths, "resource", lambda name: tmp_path / name)
    monkeypatch.setenv("LANGUAGE", "en")
    translate = i18n._translator()
    assert translate("Inga fel.") == "No errors."
    assert translate("Något annat") == "Något annat"

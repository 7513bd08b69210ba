"""Write a finished report where the caseworker chose: the only place a report touches disk."""

from __future__ import annotations

from pathlib import Path


def save_report(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``, replacing what was there.

    Raises:
        OSError: when the file cannot be written.
    """
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)

"""Where a saved report goes and in which format: the rule behind "Spara som…"."""

from __future__ import annotations

from pathlib import Path


def save_target(path: Path, chosen_filter: str) -> tuple[Path, str]:
    """Return the file to write and its format, ``"txt"`` or ``"pdf"``.

    The name's suffix decides: ``.txt`` is text, any other suffix PDF. A name
    without a suffix follows the filter chosen in the dialog and gets its
    suffix, so the file opens with the right program.

    Args:
        path: the name the caseworker chose.
        chosen_filter: the dialog's filter, e.g. ``"Text (*.txt)"`` ("" when none).
    """
    as_text = path.suffix.lower() == ".txt" or (not path.suffix and "txt" in chosen_filter)
    fmt = "txt" if as_text else "pdf"
    if not path.suffix:
        path = path.with_suffix(f".{fmt}")
    return path, fmt

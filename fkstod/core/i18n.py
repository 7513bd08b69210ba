"""Marks user-visible text for translation.

The source language is Swedish. ``_`` is gettext's, so a catalogue can be added
under ``resources/i18n/`` without touching the call sites.
"""

from gettext import gettext as _

__all__ = ["_"]

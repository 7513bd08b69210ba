"""Text of a flow as shown on screen: phone numbers kept on one line.

A number read out during a call must not break across lines ('020-50 50' and
'50' on the next line is read as two numbers). Only the display changes: the
flow files keep ordinary spaces.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

# Digit groups joined by single spaces or a hyphen: 020-50 50 50, 114 14, 010-223 57 60.
_NUMBER = re.compile(r"(?<![\w-])\d+(?:[ -]\d+)+(?![\w-])")


def keep_numbers_together(text: str) -> str:
    """Return ``text`` with the spaces inside phone numbers made non-breaking."""
    return _NUMBER.sub(lambda m: m.group(0).replace(" ", NBSP), text)

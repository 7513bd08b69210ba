"""Swedish counts: "1 träff", "3 träffar"; the one place that picks the form."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """Return ``one`` or ``many`` for the count ``n``, with ``{n}`` filled in.

    Swedish has two forms: the singular for exactly one, the plural for every
    other count (0, 2, 1 000). Both forms are whole phrases so that each can be
    translated on its own.

    Args:
        n: the count.
        one: the phrase for one, e.g. ``_("{n} träff")``.
        many: the phrase for any other count, e.g. ``_("{n} träffar")``.
    """
    return (one if n == 1 else many).replace("{n}", str(n))

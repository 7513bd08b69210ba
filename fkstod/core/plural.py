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
    return (one if n == 1 else many).replace("{n}", count_text(n))


def count_text(n: int) -> str:
    """Return ``n`` as Swedish writes a count: 1200, 12 000, 100 000.

    Numbers of five digits and more are grouped in threes with a space (one that
    never breaks the line); four digits stay together (Språkrådet's rule).
    """
    if abs(n) < 10_000:
        return str(n)
    return f"{n:,}".replace(",", "\u00a0")

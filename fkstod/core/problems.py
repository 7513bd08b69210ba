"""The one problem type: something wrong at a place in a file, or in a field of a form.

``Problem`` is what lint, loading and import report: a path, a line (0 when the
whole file is concerned), an optional column and a message in Swedish;
``str()`` is ``path:line: message`` (with ``column: `` before the message when
there is one). ``FieldProblem`` is what validation reports about a field of a
directory entry or of a report, named by its field path (``barn[1].namn``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: A flow, a template or the municipality list is tens of kB; a bigger file is a mistake.
MAX_SOURCE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file.

    Attributes:
        path: the file, as given.
        line: 1 for the first line; 0 when the file as a whole is concerned.
        message: what is wrong, in Swedish.
        column: the column's name (a CSV header) or "" when it does not apply.
    """

    path: str
    line: int
    message: str
    column: str = ""

    @classmethod
    def in_column(cls, path: str, line: int, column: str, message: str) -> Problem:
        """Return the problem of one cell: a row's line and a column's name."""
        return cls(path, line, message, column)

    def __str__(self) -> str:
        where = f"{self.column}: " if self.column else ""
        return f"{self.path}:{self.line}: {where}{self.message}"


@dataclass(frozen=True)
class FieldProblem:
    """Something wrong with one field; ``blocking`` problems stop the save or the output.

    Attributes:
        field: the field's name or path, e.g. ``telefon`` or ``barn[1].namn``.
        message: what is wrong, in Swedish.
        blocking: False for advice that does not stop anything.
    """

    field: str
    message: str
    blocking: bool = True

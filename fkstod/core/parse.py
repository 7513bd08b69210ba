"""The one guarded way to parse TOML and JSON: any text gives data or a ``path:line`` problem.

The standard parsers leak several exception types on hostile input —
``TOMLDecodeError`` and ``JSONDecodeError`` but also a bare ``ValueError``
(a number of more than 4 300 digits), ``RecursionError`` (hundreds of nested
brackets), ``UnicodeDecodeError`` and ``MemoryError``. Callers here get one
exception, :class:`ParseError`, carrying the project's :class:`Problem`.

Data nested deeper than :data:`MAX_DEPTH` is refused as well, even when the
parser coped: code further on (checks, templates) walks it recursively.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from typing import Any

from fkstod.core.i18n import _
from fkstod.core.problems import Problem

#: Deeper than any file of ours; far below the interpreter's recursion limit.
MAX_DEPTH = 40
#: Far larger than any flow or report input; a parser's tree takes many times this.
MAX_CHARS = 20 * 1024 * 1024

_TOML_POS = re.compile(r"\s*\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\s*\(at end of document\)")

#: tomllib's faults (its English text, as a pattern) in Swedish. Anything it may
#: add later falls back to a plain "not valid TOML": English never reaches a user.
_TOML_FAULTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^Invalid statement", _("raden är varken en nyckel = värde eller en [rubrik]")),
        (r"^Expected '=' after a key", _("likhetstecken (=) saknas efter nyckeln")),
        (r"^Expected '\]\]' at the end", _("]] saknas i slutet av rubriken")),
        (r"^Expected '\]' at the end", _("] saknas i slutet av rubriken")),
        (r"^Expected newline or end of document", _("något står efter värdet på samma rad")),
        (r"^Expected ", _("ett tecken saknas")),
        (r"^Invalid value", _("värdet är ogiltigt (text skrivs inom citattecken)")),
        (r"^Invalid initial character for a key", _("nyckeln börjar med ett ogiltigt tecken")),
        (r"^Invalid date or datetime", _("datumet eller tiden är ogiltig")),
        (r"^Invalid hex value|^Escaped character", _("en \\u-kod i texten är ogiltig")),
        (r"^Unescaped '\\'|^Unescaped", _("ett \\ i texten måste skrivas \\\\")),
        (r"^Unclosed array", _("listan stängs aldrig med ]")),
        (r"^Unclosed inline table", _("tabellen stängs aldrig med }")),
        (r"^Unterminated string", _("texten avslutas aldrig med citattecken")),
        (
            r"^Illegal character '\\n'",  # a line break inside "…": the text is not closed
            _(
                "texten avslutas aldrig med citattecken på samma rad "
                '(en text på flera rader skrivs inom """)'
            ),
        ),
        (r"^Cannot declare .* twice", _("samma rubrik står två gånger")),
        (r"^Duplicate inline table key", _("samma nyckel står två gånger")),
        (r"^Cannot overwrite a value", _("samma nyckel får ett värde två gånger")),
        (
            r"^Cannot mutate immutable namespace|^Cannot redefine namespace",
            _("en tabell som redan är skriven kan inte byggas på här"),
        ),
        (
            r"^Found invalid character|^Illegal character",
            _("filen innehåller ett otillåtet tecken"),
        ),
    )
)

#: The json module's faults in Swedish, as for TOML.
_JSON_FAULTS: tuple[tuple[str, str], ...] = (
    ("Expecting value", _("ett värde saknas")),
    ("Expecting ',' delimiter", _("kommatecken saknas")),
    ("Expecting ':' delimiter", _("kolon saknas efter namnet")),
    ("Expecting property name", _("ett namn inom citattecken saknas")),
    ("Unterminated string", _("texten avslutas aldrig med citattecken")),
    ("Invalid control character", _("texten innehåller ett styrtecken")),
    ("Invalid \\uXXXX escape", _("en \\u-kod i texten är ogiltig")),
    ("Invalid \\escape", _("ett \\ i texten måste skrivas \\\\")),
    ("Extra data", _("något står efter slutet av JSON-datan")),
)


def _toml_fault(message: str) -> str:
    for pattern, text in _TOML_FAULTS:
        if pattern.search(message):
            return text
    return _("filen följer inte TOML-formatet")


def _json_fault(message: str) -> str:
    for english, text in _JSON_FAULTS:
        if message.startswith(english):
            return text
    return _("filen följer inte JSON-formatet")


class ParseError(ValueError):
    """A file that cannot be parsed; ``problem`` says where and why, in Swedish."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _decode(data: str | bytes, path: str) -> str:
    if len(data) > MAX_CHARS:
        raise ParseError(
            Problem(
                path,
                0,
                _("filen är för stor ({mb:.0f} MB, högst {cap} MB)").format(
                    mb=len(data) / 1e6, cap=MAX_CHARS // (1024 * 1024)
                ),
            )
        )
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(Problem(path, line, _("filen är inte UTF-8"))) from None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, max(offset, 0)) + 1


def _too_deep(path: str, line: int = 0) -> ParseError:
    return ParseError(
        Problem(path, line, _("filen är för djupt nästlad (högst {n} nivåer)").format(n=MAX_DEPTH))
    )


def _check_depth(data: object, path: str) -> None:
    # Iterative on purpose: the point is not to recurse on data we do not trust.
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep(path)
        stack.extend((child, depth + 1) for child in children)


def parse_toml(data: str | bytes, path: str) -> dict[str, Any]:
    """Parse TOML text (or UTF-8 bytes, BOM allowed).

    Raises:
        ParseError: for every fault, with the line when the parser gives one.
    """
    text = _decode(data, path)

    def fault(exc: tomllib.TOMLDecodeError) -> Problem:
        found = _TOML_POS.search(str(exc))
        line = int(found.group(1)) if found else (_line_of(text, len(text)) if text else 0)
        message = _TOML_END.sub("", _TOML_POS.sub("", str(exc))).strip()
        return Problem(path, line, _("TOML-fel: {msg}").format(msg=_toml_fault(message)))

    return _guarded(tomllib.loads, tomllib.TOMLDecodeError, fault, text, path)


def parse_json(data: str | bytes, path: str) -> Any:
    """Parse JSON text (or UTF-8 bytes, BOM allowed).

    Raises:
        ParseError: for every fault, with the line when the parser gives one.
    """
    text = _decode(data, path)

    def fault(exc: json.JSONDecodeError) -> Problem:
        return Problem(
            path,
            exc.lineno,
            _("inte giltig JSON: {msg} (kolumn {col})").format(
                msg=_json_fault(exc.msg), col=exc.colno
            ),
        )

    return _guarded(json.loads, json.JSONDecodeError, fault, text, path)


def _guarded(
    loads: Callable[[str], Any],
    decode_error: type[ValueError],
    fault: Callable[[Any], Problem],
    text: str,
    path: str,
) -> Any:
    # What both parsers leak besides their own decode error, turned into one problem.
    try:
        parsed = loads(text)
    except decode_error as exc:
        raise ParseError(fault(exc)) from None
    except RecursionError:
        raise _too_deep(path) from None
    except MemoryError:
        raise ParseError(Problem(path, 0, _("filen är för stor för att läsas"))) from None
    except ValueError:
        # Python 3.11+ refuses to turn more than 4 300 digits into an int (json and tomllib).
        line = _line_of(text, _first_long_number(text))
        raise ParseError(Problem(path, line, _("ett tal i filen har för många siffror"))) from None
    _check_depth(parsed, path)
    return parsed


def _first_long_number(text: str) -> int:
    found = re.search(r"\d{1000,}", text)
    return found.start() if found else 0

"""Check the report templates against the names the report context provides."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import meta

from fkstod.core import files
from fkstod.core.i18n import _
from fkstod.core.orosanmalan.render import CONTEXT_NAMES
from fkstod.core.problems import MAX_SOURCE_BYTES, Problem
from fkstod.core.templates import check_template, environment


def is_report_template(path: Path) -> bool:
    """Return True for an orosanmälan template (``orosanmalan.*.j2``)."""
    return path.name.startswith("orosanmalan.") and path.suffix == ".j2"


def check_report_template(path: Path) -> list[Problem]:
    """Check that a report template parses and uses only names the context has."""
    problems = check_template(path)
    if problems:
        return problems
    source = files.read_text(path, MAX_SOURCE_BYTES)  # check_template read it already
    unknown = meta.find_undeclared_variables(environment().parse(source)) - CONTEXT_NAMES
    for name in sorted(unknown):
        match = re.search(rf"\b{re.escape(name)}\b", source)
        line = source.count("\n", 0, match.start()) + 1 if match else 0
        problems.append(
            Problem(str(path), line, _("okänt namn i mallen: {name}").format(name=name))
        )
    return problems

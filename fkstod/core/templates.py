"""The one Jinja2 environment: sandboxed, strict, templates only from resources.

User text is always passed as data in the context, never as template source,
so ``{{ 7*7 }}`` typed into a form comes out as those characters.

Jinja2 is imported when the environment is first needed, not when this module
is: importing it costs about 30 ms that the first window should not wait for.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fkstod import paths
from fkstod.core import files
from fkstod.core.i18n import _
from fkstod.core.problems import MAX_SOURCE_BYTES, Problem

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment


def _autoescape(name: str | None) -> bool:
    return name is not None and name.removesuffix(".j2").endswith((".html", ".htm"))


@cache
def environment(folder: Path | None = None) -> ImmutableSandboxedEnvironment:
    """Return the shared environment for templates in ``folder`` (default: resources)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(folder or paths.resource("templates"))),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: object) -> str:
    """Render the template ``name`` from ``resources/templates/`` with ``context``."""
    return environment().get_template(name).render(**context)


def template_names() -> list[str]:
    """Return the names of every shipped template."""
    return sorted(environment().list_templates(filter_func=lambda n: n.endswith(".j2")))


__all__ = ["environment", "render", "template_names"]


def check_template(path: Path) -> list[Problem]:
    """Check that a Jinja2 template parses."""
    from jinja2 import TemplateSyntaxError

    try:
        source = files.read_text(path, MAX_SOURCE_BYTES)
        environment().parse(source, name=path.name, filename=str(path))
    except files.FileProblem as exc:
        return [exc.problem]
    except TemplateSyntaxError as exc:
        return [Problem(str(path), exc.lineno or 0, _("mallfel: {msg}").format(msg=exc.message))]
    return []

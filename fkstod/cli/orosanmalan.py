"""``fkstod orosanmalan example`` and ``fkstod orosanmalan render``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fkstod.core.i18n import _

FORMATS = ("txt", "html", "pdf")
#: A form is a few kB. The cap stops a mistaken file before it fills memory; a long
#: text field below it gets the field's own message from validation.
MAX_INPUT_BYTES = 20 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    """Add the orosanmalan subcommands."""
    from fkstod.cli.base import SwedishArgumentParser

    p = sub.add_parser("orosanmalan", help=_("skriv en orosanmälan från en JSON-fil"))
    inner = p.add_subparsers(
        dest="oro_command", metavar="KOMMANDO", parser_class=SwedishArgumentParser, required=True
    )
    e = inner.add_parser("example", help=_("skriv ut ett påhittat, komplett exempel i JSON"))
    e.set_defaults(func=example)
    r = inner.add_parser("render", help=_("gör en anmälan per barn som text, HTML eller PDF"))
    # A plain path: reading it refuses what is missing or not a regular file, exit 1.
    r.add_argument("input", type=Path, metavar="INPUT.json")
    r.add_argument("--format", choices=FORMATS, default="txt", dest="fmt")
    r.add_argument("--out", type=Path, required=True, metavar="FIL")
    r.add_argument(
        "--barn",
        type=int,
        default=0,
        metavar="N",
        help=_("bara barn nummer N (1, 2 …); annars en fil per barn när de är flera"),
    )
    r.set_defaults(func=render)


def example(args: argparse.Namespace) -> int:
    """Print a complete fictional input."""
    from fkstod.core.orosanmalan import example_input

    json.dump(example_input(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _load(path: Path):
    from fkstod.cli.base import CliError
    from fkstod.core.files import read_text
    from fkstod.core.orosanmalan import FormError, parse_form, validate
    from fkstod.core.parse import ParseError, parse_json

    try:
        data = parse_json(read_text(path, MAX_INPUT_BYTES), str(path))
    except ParseError as exc:
        raise CliError(str(exc.problem)) from None
    try:
        form = parse_form(data)
    except FormError as exc:
        raise CliError(_format_problems(path, exc.problems)) from None
    blocking = [p for p in validate(form) if p.blocking]
    if blocking:
        raise CliError(_format_problems(path, blocking))
    return form


def _format_problems(path: Path, problems) -> str:
    def line(p) -> str:
        where = p.field if p.label == p.field else f"{p.field} ({p.label})"
        return f"{path}: {where}: {p.message}"

    return "\n".join(line(p) for p in problems)


def _targets(out: Path, count: int, only: int, fmt: str) -> list[tuple[int, Path]]:
    if not out.suffix:
        out = out.with_name(f"{out.name}.{fmt}")  # the file opens with the right program
    if only:
        return [(only - 1, out)]
    if count == 1:
        return [(0, out)]
    return [(i, out.with_name(f"{out.stem}-barn{i + 1}{out.suffix}")) for i in range(count)]


def render(args: argparse.Namespace) -> int:
    """Render one report per child in the chosen format."""
    from fkstod.cli.base import CliError
    from fkstod.cli.data import protected
    from fkstod.core.files import check_target, write_file
    from fkstod.core.orosanmalan import page_mark, render_orosanmalan

    form = _load(args.input)
    if args.barn and not 1 <= args.barn <= len(form.barn):
        raise CliError(
            _("--barn {n}: det finns {count} barn i {p}").format(
                n=args.barn, count=len(form.barn), p=args.input
            )
        )
    keep = protected(args, args.input)
    targets = _targets(args.out, len(form.barn), args.barn, args.fmt)
    for _index, out in targets:  # every name first: no report written, then a refusal
        check_target(out, keep)
    for index, out in targets:
        if args.fmt == "pdf":
            from fkstod.qt.render_pdf import PageDecor, pdf_bytes

            mark = page_mark() if form.skyddade_personuppgifter else ""
            data: bytes | str = pdf_bytes(
                render_orosanmalan(form, "html", index),
                PageDecor(form.report_date().isoformat(), mark),
            )
        else:
            data = render_orosanmalan(form, args.fmt, index)
        write_file(out, data, keep)
        print(out)
    return 0

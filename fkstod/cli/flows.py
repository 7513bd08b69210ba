"""``fkstod flows list``, ``outline FLOW_ID``, ``notes FLOW_ID`` and ``diagram FLOW_ID --out FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the flows subcommand and its actions."""
    from fkstod.cli.base import SwedishArgumentParser

    p = sub.add_parser("flows", help=_("lista och läs frågeflöden"))
    actions = p.add_subparsers(
        dest="flows_command", metavar="ÅTGÄRD", required=True, parser_class=SwedishArgumentParser
    )
    a = actions.add_parser("list", help=_("id, titel, förmåner och version för varje flöde"))
    a.set_defaults(func=list_flows)
    a = actions.add_parser("outline", help=_("hela flödet, läsbart, för granskning och utskrift"))
    a.add_argument("flow_id", metavar="FLÖDES_ID")
    a.add_argument("--format", choices=("text", "md", "html"), default="text")
    a.set_defaults(func=outline_flow)
    a = actions.add_parser(
        "notes", help=_("varje anteckning till akten som flödet kan skriva, med en väg dit")
    )
    a.add_argument("flow_id", metavar="FLÖDES_ID")
    a.add_argument("--json", action="store_true", help=_("skriv ut som JSON"))
    a.set_defaults(func=flow_notes)
    a = actions.add_parser(
        "diagram", help=_("flödet som diagram: PNG, SVG eller PDF (ändelsen väljer)")
    )
    a.add_argument("flow_id", metavar="FLÖDES_ID")
    a.add_argument("--out", type=Path, required=True, metavar="FIL")
    a.set_defaults(func=flow_diagram)


def list_flows(args: argparse.Namespace) -> int:
    """Print one line per flow, then the unavailable files with their faults."""
    from fkstod.core.flows import load_library

    library = load_library()
    for flow in sorted(library.flows.values(), key=lambda f: (f.is_jump, f.id)):
        kind = _(" (hopp)") if flow.is_jump else ""
        print(f"{flow.id}\t{flow.title}{kind}\t{', '.join(flow.benefits)}\t{flow.version}")
    for broken in library.unavailable:
        print(_("EJ TILLGÄNGLIG\t{path}\t{n} fel").format(path=broken.path, n=len(broken.problems)))
        for problem in broken.problems:
            print(f"  {problem}")
    return 1 if library.unavailable else 0


def _loaded_flow(flow_id: str):
    """Return the library and flow ``flow_id``, or raise CliError in Swedish."""
    from fkstod.cli.base import CliError
    from fkstod.core.flows import load_library

    library = load_library()
    flow = library.flows.get(flow_id)
    if flow is None:
        broken = [u for u in library.unavailable if flow_id in u.path]
        if broken:
            raise CliError(
                _("flödet {id} har fel och kan inte visas (se fkstod lint {path})").format(
                    id=flow_id, path=broken[0].path
                )
            )
        raise CliError(
            _("flödet {id} finns inte; finns: {ids}").format(
                id=flow_id, ids=", ".join(library.ids())
            )
        )
    return library, flow


def outline_flow(args: argparse.Namespace) -> int:
    """Print the whole flow in the chosen format."""
    from fkstod.core.flows.outline import outline

    library, flow = _loaded_flow(args.flow_id)
    titles = {f.id: f.title for f in library.flows.values()}
    print(outline(flow, args.format, titles), end="")
    return 0


def flow_notes(args: argparse.Namespace) -> int:
    """Print every distinct draft note the flow can write, each with one path to it."""
    import json

    from fkstod.core.flows.notes import distinct_notes

    library, flow = _loaded_flow(args.flow_id)
    notes = distinct_notes(library, flow.id)
    if args.json:
        out = [
            {"note": e.note, "path": [{"step": p.step, "answer": p.answer} for p in e.path]}
            for e in notes
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(
        _("{title} ({id}) kan skriva {n} olika anteckningar till akten.").format(
            title=flow.title, id=flow.id, n=len(notes)
        )
    )
    written = dict.fromkeys(line for e in notes for line in e.note.splitlines()[1:])
    print()
    print(_("Meningar som kan stå i anteckningen ({n}):").format(n=len(written)))
    for line in written:
        print(f"    {line}")
    for number, ending in enumerate(notes, 1):
        print()
        print(_("Anteckning {n} av {total}").format(n=number, total=len(notes)))
        for line in ending.note.splitlines():
            print(f"    {line}")
        print(_("Väg dit:"))
        for step in ending.path:
            answer = f" → {step.answer}" if step.answer else ""
            print(f"    {step.step}: {step.title}{answer}")
    if not flow.is_jump:
        print()
        print(
            _(
                "Ett globalt hopp (F5–F8) lägger till det som hoppflödet skriver: "
                "se fkstod flows notes akut-fara, barn-berors, berattar-om-vald, kan-inte-prata."
            )
        )
    return 0


def flow_diagram(args: argparse.Namespace) -> int:
    """Write the flow's diagram as PNG, SVG or PDF, by the file's ending."""
    from fkstod.cli.base import CliError
    from fkstod.cli.data import protected
    from fkstod.core.files import check_target, write_file

    library, flow = _loaded_flow(args.flow_id)
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise CliError(_("{out}: välj ändelsen .png, .svg eller .pdf").format(out=args.out))
    keep = protected(args)
    check_target(args.out, keep)
    from fkstod.qt.diagram import Picture, diagram_for, export_bytes
    from fkstod.qt.render_pdf import ensure_gui_application

    ensure_gui_application()
    picture = Picture(diagram_for(flow), {f.id: f.title for f in library.flows.values()})
    write_file(args.out, export_bytes(picture, fmt), keep)
    print(args.out)
    return 0

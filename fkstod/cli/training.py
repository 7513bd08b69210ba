"""``fkstod training list`` and ``fkstod training handout CASE_ID --out FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from fkstod.core.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    """Add the training subcommand and its actions."""
    from fkstod.cli.base import SwedishArgumentParser

    p = sub.add_parser("training", help=_("övningsfall för Övningsläge"))
    actions = p.add_subparsers(
        dest="training_command",
        metavar="ÅTGÄRD",
        required=True,
        parser_class=SwedishArgumentParser,
    )
    a = actions.add_parser("list", help=_("id, titel, förmån och flöde för varje övningsfall"))
    a.set_defaults(func=list_cases)
    a = actions.add_parser(
        "handout", help=_("fallet, flödet och diagrammet som en PDF för deltagarna")
    )
    a.add_argument("case_id", metavar="FALL_ID")
    a.add_argument("--out", type=Path, required=True, metavar="FIL.pdf")
    a.set_defaults(func=handout)


def _cases():
    from fkstod.core.flows import load_library
    from fkstod.core.training import load_cases

    library = load_library()
    return library, load_cases(library)


def list_cases(args: argparse.Namespace) -> int:
    """Print one line per case (tab-separated), then the cases that did not load."""
    _library, cases = _cases()
    for case in cases.listed():
        print(f"{case.id}\t{case.title}\t{case.benefit}\t{case.flow}")
    for broken in cases.unavailable:
        print(_("EJ TILLGÄNGLIG\t{path}\t{n} fel").format(path=broken.path, n=len(broken.problems)))
        for problem in broken.problems:
            print(f"  {problem}")
    return 1 if cases.unavailable else 0


def handout(args: argparse.Namespace) -> int:
    """Write the handout of one case as a PDF."""
    from fkstod.cli.base import CliError
    from fkstod.cli.data import protected
    from fkstod.core.files import check_target, write_file

    library, cases = _cases()
    ids = [case.id for case in cases.listed()]
    if args.case_id not in ids:
        raise CliError(
            _("övningsfallet {id} finns inte; finns: {ids}").format(
                id=args.case_id, ids=", ".join(ids)
            )
        )
    keep = protected(args)
    if args.out.is_dir():
        check_target(args.out, keep)  # refused: not a file beside the folder named .pdf
    out = args.out if args.out.suffix else args.out.with_name(f"{args.out.name}.pdf")
    if out.suffix.lower() != ".pdf":
        raise CliError(_("{out}: utdelningen blir en PDF; ge filen ändelsen .pdf").format(out=out))
    check_target(out, keep)
    from fkstod.qt.handout import handout_pdf

    data = handout_pdf(cases.get(args.case_id), library)
    write_file(out, data, keep)
    print(out)
    return 0

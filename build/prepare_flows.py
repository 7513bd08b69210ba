"""Write the parsed flow library as ``resources/flows.cache`` (a checkout's set-up).

The app reads it on a start whose data folder has no current cache of its own
(a first start, the first after an update), instead of parsing every flow. It
is checked against the same key as the data folder's cache (the flows' bytes,
the parsing code, Python's version), so a stale one is never used. A bundle
makes its own (``installer.spec``, with the Python that freezes it).

    python build/prepare_flows.py                 a flow that cannot be used: exit code 1
    python build/prepare_flows.py --if-possible   set-up: it is said, and set-up goes on

A developer's set-up (``build/dev.sh``, under ``set -e``) must go on when a flow
being written cannot be used yet: ``run``, ``test`` and ``make lint`` are what
show what is wrong with it, and the app then parses the flows at start.
"""

from __future__ import annotations

import argparse
import sys

from fkstod import paths
from fkstod.core.files import FileProblem
from fkstod.core.flows.cache import PREPARED_NAME, write_prepared


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--if-possible",
        action="store_true",
        help="gå vidare (slutkod 0) när flödena inte kan förberedas",
    )
    args = parser.parse_args(argv)
    target = paths.resource(PREPARED_NAME)
    try:
        count = write_prepared(target)
    except ValueError as exc:
        why = str(exc)
    except FileProblem as exc:  # resources/ not writable, the name taken by a folder
        why = str(exc)
    else:
        print(f"Flödesbiblioteket förberett ({count} flöden): {target}", file=sys.stderr)
        return 0
    print(f"prepare_flows: {why}", file=sys.stderr)
    if not args.if_possible:
        return 1
    print(
        "prepare_flows: flödena förbereds inte nu; de tolkas när fkstod startar "
        "(fkstod lint visar vad som är fel).",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

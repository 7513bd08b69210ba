"""Write the parsed flow library as ``resources/flows.cache`` (set-up and bundle).

The app reads it on a start whose data folder has no current cache of its own
(a first start, the first after an update), instead of parsing every flow. It
is checked against the same key as the data folder's cache (the flows' bytes,
the parsing code, Python's version), so a stale one is never used.
"""

from __future__ import annotations

import sys

from fkstod import paths
from fkstod.core.flows.cache import PREPARED_NAME, write_prepared


def main() -> int:
    target = paths.resource(PREPARED_NAME)
    try:
        count = write_prepared(target)
    except ValueError as exc:
        print(f"prepare_flows: {exc}", file=sys.stderr)
        return 1
    print(f"Flödesbiblioteket förberett ({count} flöden): {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What several subcommands share: opening the user's database, what never to overwrite."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fkstod.core.files import Protected
from fkstod.core.store import OpenedStore


def open_data_store(args: argparse.Namespace) -> OpenedStore:
    """Open the database of the data folder; tell the user if it had to be recreated.

    Raises:
        CliError: when the database cannot be used (the message says why).
    """
    from fkstod import paths
    from fkstod.cli import CliError
    from fkstod.core import store
    from fkstod.core.schema import MIGRATION_SETS

    try:
        opened = store.open_store(
            paths.database_path(paths.data_dir(args.data_dir)), MIGRATION_SETS
        )
    except store.StoreError as exc:
        raise CliError(str(exc)) from exc
    if opened.notice:
        print(f"fkstod: {opened.notice}", file=sys.stderr)
    return opened


def protected(args: argparse.Namespace, *inputs: Path) -> Protected:
    """Return what a command's output must never replace: the data folder and its inputs."""
    from fkstod import paths

    return Protected(folders=(paths.data_dir(args.data_dir),), files=inputs)

"""What several subcommands share: the database under the folder's lock, what never to overwrite."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fkstod.core.files import Protected
from fkstod.core.i18n import _
from fkstod.core.store import OpenedStore


def open_data_store(
    args: argparse.Namespace, write: bool = False, in_window: str = ""
) -> OpenedStore:
    """Open the database of the data folder; tell the user if it had to be recreated.

    The command takes the data folder's lock (``fkstod.core.instance``) and
    holds it until the database is closed: opening may create, migrate or
    quarantine, and a ``write`` command then writes. When another process holds
    the folder, a command that only reads opens the database read-only beside
    it; a writing command refuses at once if that is the window (it holds the
    folder for as long as it runs), and waits up to ``WAIT_SECONDS`` for
    another command. ``in_window`` names where the window does the same
    ("Stödkatalog → Importera…"), for that refusal.

    Raises:
        CliError: when the database cannot be used (the message says why).
    """
    from fkstod import paths
    from fkstod.cli.base import CliError
    from fkstod.core import instance, store
    from fkstod.core.oserrors import describe_os_error
    from fkstod.core.schema import MIGRATION_SETS

    folder = paths.data_dir(args.data_dir)
    path = paths.database_path(folder)
    lock = instance.FolderLock(folder, instance.COMMAND)
    try:
        store.prepare_folder(folder)
        got = lock.try_acquire()
    except store.StoreError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(
            _(
                "Datamappen {folder} kan inte låsas ({lock}: {reason}); ingenting har ändrats."
            ).format(folder=folder, lock=lock.path.name, reason=describe_os_error(exc))
        ) from exc
    if not got:
        holder = lock.holder()
        if not write:
            try:
                return store.open_store_read_only(path, MIGRATION_SETS)
            except store.StoreError as exc:
                raise CliError(str(exc)) from exc
        if holder is not None and holder.role == instance.WINDOW:
            where = (
                _("Gör det i programmet ({where}), eller stäng det och försök igen").format(
                    where=in_window
                )
                if in_window
                else _("Gör ändringen i programmet, eller stäng det och försök igen")
            )
            raise CliError(
                _(
                    "fkstod är öppet med den här datamappen, och bara ett program i taget får "
                    "ändra i den. {where}; ingenting har ändrats."
                ).format(where=where)
            )

        def say_waiting(_holder: object) -> None:
            print(
                "fkstod: "
                + _(
                    "ett annat fkstod-kommando ändrar i datamappen just nu; väntar upp till "
                    "{n} sekunder …"
                ).format(n=int(instance.WAIT_SECONDS)),
                file=sys.stderr,
                flush=True,
            )

        if not lock.acquire(instance.WAIT_SECONDS, on_wait=say_waiting):
            raise CliError(
                _(
                    "Ett annat fkstod-kommando ändrar fortfarande i datamappen {folder}. Försök "
                    "igen när det är klart; ingenting har ändrats."
                ).format(folder=folder)
            )
    try:
        opened = store.open_store(path, MIGRATION_SETS)
    except store.StoreError as exc:
        lock.release()
        raise CliError(str(exc)) from exc
    opened.db.hold(lock)
    if opened.notice:
        print(f"fkstod: {opened.notice}", file=sys.stderr)
    return opened


def protected(
    args: argparse.Namespace, *inputs: Path, read_folders: tuple[Path, ...] = ()
) -> Protected:
    """Return what a command's output must never replace: the data folder and its inputs.

    ``read_folders``: folders whose ``*.json`` files are read (a merge's folders).
    """
    from fkstod import paths

    return Protected(
        folders=(paths.data_dir(args.data_dir),), files=inputs, read_folders=read_folders
    )

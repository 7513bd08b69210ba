"""Headless self-test: load every resource, open a temporary database, render templates."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from fkstod import paths
from fkstod.core import config, kommuner, lint, store
from fkstod.core.i18n import _
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.usage import UsageRecorder


def _check_resources() -> str:
    problems = lint.lint()
    if problems:
        raise AssertionError("\n".join(str(p) for p in problems))
    config.config()
    return _("{n} kommuner, konfiguration läst, inga fel i resurserna ({mode}: {root})").format(
        n=len(kommuner.kommuner()), mode=paths.resource_mode(), root=paths.resource_root()
    )


def _check_database() -> str:
    with tempfile.TemporaryDirectory(prefix="fkstod-selftest-") as tmp:
        opened = store.open_store(Path(tmp) / "test.sqlite3", MIGRATION_SETS)
        recorder = UsageRecorder(opened.db)
        recorder.record("referral_shown", category="akut")
        if [c.count for c in recorder.counts()] != [1]:
            raise AssertionError(_("räkningen sparades inte"))
        opened.db.close()
    return _("databas skapad, migrerad och skriven")


def _check_flows() -> str:
    from fkstod.core.flows import load_library
    from fkstod.core.flows.session import FlowSession

    library = load_library()
    if library.unavailable:
        raise AssertionError("\n".join(str(p) for u in library.unavailable for p in u.problems))
    for flow in library.conversations():
        FlowSession(library, flow.id, flow.benefits[0]).note()
    return _("{n} flöden laddade, anteckning skapad").format(n=len(library.flows))


def _check_cases() -> str:
    from fkstod.core.flows import load_library
    from fkstod.core.training import CaseReplay, load_cases

    flows = load_library()
    cases = load_cases(flows)
    if cases.unavailable:
        raise AssertionError("\n".join(str(p) for u in cases.unavailable for p in u.problems))
    for case in cases.listed():
        replay = CaseReplay(case, flows)
        while replay.forward():
            pass
    return _("{n} övningsfall laddade och uppspelade till sitt slut").format(n=len(cases.cases))


def _check_directory() -> str:
    from fkstod.core.directory import Directory

    directory = Directory(store.open_memory(MIGRATION_SETS))
    found = directory.search("vald")
    if not found.entries or not directory.search("112").entries:
        raise AssertionError(_("sökningen i stödkatalogen hittade inget"))
    return _("{n} stödkontakter lästa, sökningen fungerar").format(n=len(directory.entries()))


def _check_orosanmalan() -> str:
    from fkstod.core.orosanmalan import example_input, parse_form, render_orosanmalan, validate

    form = parse_form(example_input())
    if [p for p in validate(form) if p.blocking]:
        raise AssertionError(_("exemplet på orosanmälan godkänns inte"))
    for fmt in ("txt", "html"):
        render_orosanmalan(form, fmt)
    return _("exemplet på orosanmälan går att skriva som text och HTML")


#: Each check returns a short description of what it verified or raises.
CHECKS: list[tuple[str, Callable[[], str]]] = [
    (_("Resurser"), _check_resources),
    (_("Databas"), _check_database),
    (_("Flöden"), _check_flows),
    (_("Övningsfall"), _check_cases),
    (_("Stödkatalog"), _check_directory),
    (_("Orosanmälan"), _check_orosanmalan),
]


def run(echo: Callable[[str], None] = print) -> bool:
    """Run every check, print one line each, and return True when all pass."""
    ok = True
    for name, check in CHECKS:
        try:
            echo(f"OK   {name}: {check()}")
        except Exception as exc:  # a self-test reports every failure, whatever its kind
            ok = False
            echo(f"FEL  {name}: {exc}")
    return ok

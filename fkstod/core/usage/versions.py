"""What every export names besides its counts: the versions and the content ids allowed.

Shared by the window's "Exportera statistik…" and ``fkstod usage export``, so that
both write the same kind of file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fkstod.core.flows import FlowLibrary


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


def export_settings(library: FlowLibrary) -> dict[str, Any]:
    """Return ``app_version``, ``content_version`` and ``content_ids`` for ``build_export``.

    The content version is the highest version among the loaded flows ("0" without any).
    """
    from fkstod import __version__

    versions = [flow.version for flow in library.flows.values() if flow.version]
    return {
        "app_version": __version__,
        "content_version": max(versions, key=_version_key) if versions else "0",
        "content_ids": {"flow": library.ids()},
    }

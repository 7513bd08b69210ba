"""Operating-system errors in Swedish: the OS's own text is English on most machines."""

from __future__ import annotations

import errno

from fkstod.core.i18n import _

_REASONS = {
    errno.ENOENT: _("filen eller mappen finns inte"),
    errno.EEXIST: _("det finns redan en fil med det namnet"),
    errno.EACCES: _("du saknar behörighet"),
    errno.EPERM: _("du saknar behörighet"),
    errno.EROFS: _("platsen är skrivskyddad"),
    errno.ENOSPC: _("disken är full"),
    errno.ENOTDIR: _("en del av sökvägen är en fil, inte en mapp"),
    errno.EISDIR: _("det är en mapp, inte en fil"),
    errno.ENAMETOOLONG: _("namnet är för långt"),
    errno.EBUSY: _("filen används av ett annat program"),
}


def describe_os_error(exc: OSError) -> str:
    """Return why ``exc`` happened, in Swedish when the reason is a common one."""
    reason = _REASONS.get(exc.errno or 0)
    if reason is None and isinstance(exc, PermissionError):
        reason = _REASONS[errno.EACCES]
    return reason or exc.strerror or str(exc)

"""SHA-256 for the window's start, without loading OpenSSL.

The first ``import hashlib`` loads the OpenSSL library, some 2–3 ms of a start
that should take about a tenth of a second. CPython carries its own SHA-256
too (the extension ``_sha2`` from 3.12, ``_sha256`` before); it gives the same
digests. The start path (the flow cache's key, the single-instance socket's
name, the clipboard's digest) uses ``sha256`` from here; elsewhere hashlib is fine.
"""

from __future__ import annotations

try:  # Python 3.12 and later
    from _sha2 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:
    try:  # Python 3.11
        from _sha256 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # an interpreter without them: OpenSSL's, same digests
        from hashlib import sha256  # type: ignore[assignment, no-redef, unused-ignore]

__all__ = ["sha256"]

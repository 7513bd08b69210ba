"""Make a folder that this process really cannot write to, also when the tests run as root.

Root ignores permission bits: ``chmod 0o555`` does not stop its writes. The immutable
attribute (``chattr +i``) does; where it is not to be had (another file system, no
capability), the test is skipped, since a folder root can write to proves nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` one that cannot be written to while the block runs."""
    if sys.platform == "win32":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i")
    try:
        probe = folder / ".probe"
        try:
            probe.write_bytes(b"")
        except OSError:
            pass
        else:  # pragma: no cover - the attribute did not hold
            probe.unlink()
            pytest.skip("chattr +i does not stop root here")
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def contents(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` by relative name, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(folder.rglob("*"))
    }

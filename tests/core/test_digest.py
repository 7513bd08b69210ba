"""The start path's SHA-256 (without OpenSSL) gives hashlib's digests."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from fkstod.core.digest import sha256


@given(st.lists(st.binary(max_size=300), max_size=5))
def test_the_digest_is_sha256_also_when_fed_in_pieces(pieces):
    ours = sha256()
    for piece in pieces:
        ours.update(piece)
    assert ours.digest() == hashlib.sha256(b"".join(pieces)).digest()
    assert ours.hexdigest() == hashlib.sha256(b"".join(pieces)).hexdigest()


def test_the_start_path_does_not_load_openssl():
    import subprocess
    import sys

    from tests.conftest import REPO

    code = (
        "import sys, fkstod.core.digest, fkstod.core.flows.cache; print('_hashlib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"

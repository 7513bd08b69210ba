"""Operating-system errors put into Swedish (``fkstod.core.oserrors.describe_os_error``)."""

from __future__ import annotations

import errno
import os

import pytest

from fkstod.core.oserrors import describe_os_error


def english(exc: OSError) -> str:
    return exc.strerror or ""


@pytest.mark.parametrize(
    "number",
    sorted(
        {
            getattr(errno, name)
            for name in ("ELOOP", "EIO", "EINVAL", "EMFILE", "EXDEV", "ETIMEDOUT", "ENOTEMPTY")
            if hasattr(errno, name)
        }
    ),
)
def test_an_error_a_file_write_can_meet_is_said_in_swedish(number):
    exc = OSError(number, os.strerror(number))
    said = describe_os_error(exc)
    assert english(exc) not in said, said
    assert said and said[0].islower()  # a reason, put after "kunde inte sparas: "


def test_an_error_without_its_own_words_still_reads_swedish_and_names_the_system_text():
    # An unusual error: the Swedish sentence says what kind of fault it is; the
    # system's own words follow for whoever helps (IT support), never alone.
    exc = OSError(errno.EOVERFLOW, os.strerror(errno.EOVERFLOW))
    said = describe_os_error(exc)
    assert said.startswith("ett oväntat fel från systemet")
    assert os.strerror(errno.EOVERFLOW) in said


def test_an_error_without_a_number_is_not_english_alone():
    said = describe_os_error(OSError("something odd"))
    assert said.startswith("ett oväntat fel från systemet")

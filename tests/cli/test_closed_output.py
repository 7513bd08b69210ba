"""Output into a reader that stops early (``fkstod … | head``) ends quietly, exit code 141.

Real processes and real pipes: only they show the traceback, and the "Exception
ignored" line of a flush at interpreter exit, that this contract rules out.
"""

from __future__ import annotations

import os
import subprocess
import sys

from fkstod.cli import EXIT_BROKEN_PIPE
from tests.conftest import REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
FKSTOD = [sys.executable, "-m", "fkstod"]


def _into(reader_stdin: int, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*FKSTOD, *args], stdout=reader_stdin, stderr=subprocess.PIPE, env=ENV, cwd=REPO
    )


def test_a_reader_that_stops_after_one_line_ends_the_command_quietly():
    # Over a megabyte of notes: far more than a pipe holds, so the command is still
    # writing when the reader has gone (the way `| head -1` goes).
    read_end, write_end = os.pipe()
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys; print(sys.stdin.readline(), end='')"],
        stdin=read_end,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    command = _into(write_end, "flows", "notes", "sjukpenning-fraga")
    os.close(read_end)  # only the two processes hold the pipe now
    os.close(write_end)
    first_line, _ = reader.communicate(timeout=60)
    _, err = command.communicate(timeout=60)
    assert "(sjukpenning-fraga)" in first_line
    assert err.decode("utf-8") == ""
    assert command.returncode == EXIT_BROKEN_PIPE == 141


def test_output_into_a_pipe_already_closed_ends_quietly_too():
    # A short output sits in the buffer until the exit flush: that flush fails too.
    read_end, write_end = os.pipe()
    os.close(read_end)
    command = _into(write_end, "flows", "list")
    os.close(write_end)
    _, err = command.communicate(timeout=60)
    assert err.decode("utf-8") == ""
    assert command.returncode == EXIT_BROKEN_PIPE


def test_a_reader_that_takes_everything_still_gets_exit_code_0():
    result = subprocess.run(
        [*FKSTOD, "flows", "list"], capture_output=True, env=ENV, cwd=REPO, timeout=60
    )
    assert result.returncode == 0
    assert result.stderr == b""
    assert b"sjukpenning-fraga" in result.stdout

"""The window's start reads its two flags without the full parser, and means what it would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fkstod import cli
from tests.conftest import REPO

LINES = [
    [],
    ["--exit-when-ready"],
    ["--data-dir", "/tmp/x"],
    ["--data-dir=/tmp/x"],
    ["--data-dir", "/tmp/x", "--exit-when-ready"],
    ["--exit-when-ready", "--data-dir=/tmp/mapp med mellanslag"],
    ["--data-dir", ""],
]
NOT_THE_WINDOW = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--data", "/tmp/x"],  # argparse's abbreviation: its parser decides
    ["--data-dir"],
    ["--data-dir", "--exit-when-ready"],
    ["--data-dir="],
    ["--exit-when-ready=1"],
    ["--data-dir", "a", "--data-dir", "b"],
    ["--exit-when-ready", "--exit-when-ready"],
    ["flows", "list"],
    ["--data-dir", "/tmp/x", "usage", "show"],
    ["--okand"],
]


@pytest.mark.parametrize("argv", LINES, ids=" ".join)
def test_a_window_start_is_read_as_the_full_parser_reads_it(argv):
    args = cli.build_parser().parse_args(argv)
    assert args.command is None
    assert cli.window_start(argv) == (args.data_dir, args.exit_when_ready)


@pytest.mark.parametrize("argv", NOT_THE_WINDOW, ids=" ".join)
def test_anything_else_goes_to_the_full_parser(argv):
    assert cli.window_start(argv) is None


def test_the_window_start_does_not_load_the_subcommands(data_folder):
    code = (
        "import sys\n"
        "from fkstod import cli\n"
        "code = cli.main(['--data-dir', sys.argv[1], '--exit-when-ready'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('fkstod.cli.')))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_folder)],
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "['fkstod.cli.base']"

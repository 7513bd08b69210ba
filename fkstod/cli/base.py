"""What every subcommand shares: the Swedish parser, the error type, the exit codes.

Subcommand modules import this module, never the package ``fkstod.cli``, so
that the command line has no import circle.
"""

from __future__ import annotations

import argparse
import sys

from fkstod.core.i18n import _

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: The reader of the output went away (``fkstod … | head``): 128 + SIGPIPE, what a
#: shell reports for a Unix tool the closed pipe ended, so ``set -o pipefail`` sees it.
EXIT_BROKEN_PIPE = 141

# argparse's own words, in Swedish. argparse looks its messages up through the
# module-level name ``_`` at call time, so replacing it translates them.
_ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionsnumret och avsluta",
    "unrecognized arguments: %s": "okänt argument: %s",
    "the following arguments are required: %s": "det här saknas: %s",
    "expected one argument": "ett värde behövs",
    "expected at least one argument": "minst ett värde behövs",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid choice: %(value)r, choose from %(choices)s": "ogiltigt val: %(value)r, välj bland %(choices)s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "kan inte kombineras med %s",
}
argparse._ = lambda text: _ARGPARSE_SV.get(text, text)  # type: ignore[attr-defined]


class CliError(Exception):
    """Bad input: printed as one line, exit code 1."""


class SwedishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one Swedish line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (se {self.prog} --help)\n")


def positive_int(text: str) -> int:
    """An option's whole number above 0 (argparse ``type``): else a usage error in Swedish."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("ska vara ett heltal större än 0: ”{t}”").format(t=text))
    return value


def reconfigure_streams() -> None:
    # A Windows console may not speak UTF-8: never crash on å, ä, ö.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")

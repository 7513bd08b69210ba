"""Entry script of the frozen executables (both the windowed and the console one)."""

import sys

from fkstod.cli import main

if __name__ == "__main__":
    sys.exit(main())

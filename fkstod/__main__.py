"""Run fkstod with ``python -m fkstod``."""

import sys

from fkstod.cli import main

sys.exit(main())

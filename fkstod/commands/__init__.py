"""Subcommands of the command line, one module per area.

Each module has ``register(subparsers)``, which adds its parsers and sets
``func`` on each to a function ``(args) -> exit code``.
"""

from fkstod.commands import basics, directory, flows, orosanmalan, usage

COMMANDS = [
    basics.register,
    flows.register,
    directory.register,
    orosanmalan.register,
    usage.register,
]

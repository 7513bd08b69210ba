"""fkstod: support for caseworkers who ask about violence in close relationships."""

__version__ = "0.1.0"

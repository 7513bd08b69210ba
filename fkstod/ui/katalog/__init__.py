"""Stödkatalog: the directory section (search, entries, import and export)."""

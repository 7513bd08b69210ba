"""Orosanmälan: the report section (the form, its problems, save and print)."""

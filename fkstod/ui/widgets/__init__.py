"""Widgets shared by the sections, named for what they are."""

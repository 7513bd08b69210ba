"""Qt widgets, one per module. Widgets never open files or run SQL."""

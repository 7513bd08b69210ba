"""The statistics section's keys, apart from its page: the window's Arkiv menu gets them at start.

The page (and what it imports: the summary of counts) is built when the app is
idle after the first paint; the menu entries with these keys are made before it.
"""

EXPORT_KEYS = "Ctrl+Shift+T"
AGGREGATE_KEYS = "Ctrl+Shift+M"

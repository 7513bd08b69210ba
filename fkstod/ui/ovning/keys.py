"""Övning's keys, apart from its page: the window's Visa and Arkiv menus name them at start.

Name of the page's method → key. The page makes its shortcuts from this table,
and the menu entries show the same keys (Enter in the list presents too).
"""

KEYS = {
    "present": "Ctrl+Shift+G",
    "practise": "Ctrl+Shift+P",
    "save_diagram": "Ctrl+Shift+D",
    "save_handout": "Ctrl+Shift+U",
}

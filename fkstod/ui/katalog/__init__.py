"""Stödkatalog: the directory section (search, entries, import and export)."""

#: The page's import and export keys, here (not in the page) so that the window's Arkiv
#: entries show them at start, before the page is built; the page makes its shortcuts
#: from the same table.
IMPORT_KEYS = "Ctrl+I"
#: Ctrl+Shift+X opens the chooser of the three formats; each format has its own key too.
EXPORT_CHOOSER_KEYS = "Ctrl+Shift+X"
#: Format → key. Excel: arbets*b*ok; CSV: c*s*v (a "save as" in most programs); *H*SDS.
EXPORT_KEYS = {
    "xlsx": "Ctrl+Shift+B",
    "csv": "Ctrl+Shift+S",
    "hsds": "Ctrl+Shift+H",
}

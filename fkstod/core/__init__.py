"""The domain core: pure Python, never imports PySide6 (tests/core/test_no_qt.py)."""

"""Statistik: the usage statistics section."""

"""Samtalsstöd: the call support section (a flow, step by step, with its summary)."""

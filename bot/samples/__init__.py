"""Fictional sample articles for the demo and tests (read with importlib.resources)."""

"""Rendering of charts and documents; plain Python, no Django."""

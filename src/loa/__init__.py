"""Loa: planning, tracking and reporting of administrative-reform communication work."""

__version__ = "0.1.0"

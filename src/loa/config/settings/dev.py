"""Local development and `make demo`: SQLite under var/, debug pages, console mail."""

from .base import *  # noqa: F403

DEBUG = True

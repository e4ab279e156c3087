#!/usr/bin/env python
"""Django's manage.py, kept for habit; `loa` is the same command."""

import sys

from loa.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Tests of `loa backup` and `loa restore`."""

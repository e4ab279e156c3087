"""Scoring of PAR (chỉ số CCHC) criteria from rules kept as data; plain Python, no Django."""

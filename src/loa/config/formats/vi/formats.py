"""Vietnamese number format as official documents write it: 1.500.000 đồng, 12,5 %.

Django's own Vietnamese locale sets no digit grouping; the rest (dates) comes from it.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3

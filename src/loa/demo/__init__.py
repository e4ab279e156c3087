"""Demo data for `make demo`: staff, agencies and the seed plans, built through the real services."""

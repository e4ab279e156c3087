"""Tests of cascading plans on Loa's rows: drafts written from a higher plan, the conformity
check of a lower plan against it, and the pages that show both."""

"""The JSON API (django-ninja) under /api/v1: the same services and scoped querysets as the pages."""

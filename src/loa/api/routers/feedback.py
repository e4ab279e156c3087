"""API: feedback (filled in by the API issue)."""

from ninja import Router

router = Router()

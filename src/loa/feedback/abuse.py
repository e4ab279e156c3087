"""Limits on anonymous submissions: how many one client address may send per window.

Counts live in Django's cache (LocMem by default, shared Redis or Memcached in a
multi-process deployment), keyed by a hash of the address so the cache holds no
addresses. The numbers are settings: LOA_FEEDBACK_RATE_LIMIT submissions per
LOA_FEEDBACK_RATE_WINDOW seconds (5 per hour unless set).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .errors import TooManySubmissions

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 3600


def _limit() -> int:
    return int(getattr(settings, "LOA_FEEDBACK_RATE_LIMIT", DEFAULT_LIMIT))


def _window() -> int:
    return int(getattr(settings, "LOA_FEEDBACK_RATE_WINDOW", DEFAULT_WINDOW_SECONDS))


def _key(client: str) -> str:
    return "loa:feedback:rate:" + hashlib.sha256(client.encode()).hexdigest()[:32]


def ensure_within_limit(client: str) -> None:
    """Refuse (in Vietnamese) once `client` has used up its submissions of the window."""
    if int(cache.get(_key(client), 0)) >= _limit():
        raise TooManySubmissions(
            _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(minutes)s phút.")
            % {"minutes": max(1, _window() // 60)}
        )


def count_submission(client: str) -> None:
    """Count one submission (or one trapped bot post) of `client` in the current window."""
    key = _key(client)
    if cache.add(key, 1, timeout=_window()):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=_window())

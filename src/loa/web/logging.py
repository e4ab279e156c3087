"""Structured logs: a JSON formatter and one JSON line per request on "loa.requests".

The request line holds what operations needs and nothing about the person: method,
path without its query string (capability codes in the path are replaced by the
parameter's name), status, duration and the signed-in user's id. No IP address, no
query parameters, no form data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("loa.requests")

# Fields a log call may attach with `extra={"fields": {...}}`; nothing else of the
# record's extras (Django attaches the request object itself) reaches the output.
FIELDS_ATTRIBUTE = "fields"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, FIELDS_ATTRIBUTE, None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def loggable_path(request: HttpRequest) -> str:
    """The path without query string, with string URL parameters (codes) replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if isinstance(value, str) and value:
                path = path.replace(f"/{value}/", f"/<{name}>/")
    return path


class RequestLogMiddleware:
    """Log one line per request when settings.LOA_REQUEST_LOG is on (production)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.enabled = bool(getattr(settings, "LOA_REQUEST_LOG", False))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        fields = {
            "method": request.method,
            "path": loggable_path(request),
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": user_id,
        }
        request_logger.info("request", extra={FIELDS_ATTRIBUTE: fields})
        return response

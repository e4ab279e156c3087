"""Writing the change log. Called by other services inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from django.db import models

from loa.units.models import Unit

from .models import ChangeLogEntry, Verb


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """JSON-safe values of a model's concrete fields, for `before`/`after`."""
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        out[field.attname] = _json_safe(getattr(instance, field.attname))
    return out


def _json_safe(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose values changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record_change(
    *,
    actor: Any,
    unit: Unit,
    verb: Verb,
    target: models.Model | None,
    summary: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> ChangeLogEntry:
    """Append one change-log row; the caller's transaction makes it atomic with the change."""
    return ChangeLogEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        unit=unit,
        verb=verb,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
        summary=summary[:300],
        before=_json_safe(dict(before)) if before is not None else None,
        after=_json_safe(dict(after)) if after is not None else None,
    )

"""Django's JSON serialization with full-precision times, for backups.

Django's JSON encoder cuts datetimes and times to milliseconds; a backup must give back
exactly what it took, so this encoder keeps the microseconds. The output is ordinary
Django JSON: `loaddata` reads it with the stock `json` deserializer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            if o.utcoffset() is not None:
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def serialize(self, queryset: Any, **options: Any) -> Any:
        options.setdefault("cls", FullPrecisionEncoder)
        return super().serialize(queryset, **options)

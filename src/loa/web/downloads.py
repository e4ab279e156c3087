"""One way to answer a download of a stored file, after the view has checked permission.

By default Django streams the file itself. With settings.LOA_X_ACCEL_REDIRECT on (production
behind nginx), the response is empty and carries `X-Accel-Redirect: /protected-media/<name>`:
nginx then sends the file from MEDIA_ROOT through its `internal` location, which no client
can request directly. Either way the headers the browser sees are the same: the type Loa
recorded, the file name, attachment or inline, and nosniff.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header

PROTECTED_MEDIA_PREFIX = "/protected-media/"


def file_download(
    stored: FieldFile,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool = True,
    headers: Mapping[str, str] | None = None,
) -> HttpResponseBase:
    """The response sending `stored` as `filename`, typed `content_type`, plus `headers`."""
    response: HttpResponseBase
    if getattr(settings, "LOA_X_ACCEL_REDIRECT", False):
        name = stored.name or ""
        if not name or name.startswith("/") or ".." in name.split("/"):
            raise Http404  # never the case for a name Loa's storage chose
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = PROTECTED_MEDIA_PREFIX + quote(name, safe="/")
        disposition = content_disposition_header(as_attachment, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            stored.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    for header, value in (headers or {}).items():
        response[header] = value
    return response

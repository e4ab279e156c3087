"""Files people upload (evidence, feedback attachments): checked on size and content, stored
under a name of Loa's choosing, removed again if the write they belong to fails."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from loa.errors import DomainError
from loa.tracking.filetypes import ACCEPTED, HEAD_BYTES, EvidenceType, sniff


def accepted_kinds() -> str:
    return ", ".join(kind.label for kind in ACCEPTED)


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # the file's own name, cleaned, for showing it
    kind: EvidenceType  # judged from its content
    size: int


def checked_upload(upload: UploadedFile, *, error: type[DomainError]) -> CheckedUpload:
    """The upload's name, type and size once it passes the checks, or `error` saying why not."""
    name = PurePath(upload.name or "tep").name[:200] or "tep"
    limit: int = settings.LOA_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise error(
            _("Tệp %(name)s lớn hơn giới hạn %(limit)s MB.") % {"name": name, "limit": limit // (1024 * 1024)}
        )
    if upload.size == 0:
        raise error(_("Tệp %(name)s rỗng.") % {"name": name})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    kind = sniff(head, upload.file)  # type: ignore[arg-type]
    upload.seek(0)
    if kind is None:
        message = _("Tệp %(name)s không thuộc loại được nhận (%(kinds)s).")
        raise error(message % {"name": name, "kinds": accepted_kinds()})
    return CheckedUpload(name, kind, upload.size)


def stored_name(kind: EvidenceType) -> str:
    """A fresh file name: what a user called the file never reaches the disk."""
    return f"{uuid.uuid4().hex}{kind.extension}"


def delete_stored(storage: Storage, names: list[str]) -> None:
    for name in names:
        if name:
            storage.delete(name)

"""Which evidence files Loa accepts, judged by their content, never by their name.

Evidence is photos of panels and conferences, scans and PDFs of documents, office
files, and recordings of radio columns. Anything a browser could run (HTML, SVG,
scripts) is refused whatever it is called. The allowlist is short enough that a
signature check is exact; a general "magic" library would accept far more.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

__all__ = ["EvidenceType", "sniff"]

HEAD_BYTES = 64


@dataclass(frozen=True)
class EvidenceType:
    content_type: str
    extension: str
    label: str  # shown to users in the list of accepted kinds


_PDF = EvidenceType("application/pdf", ".pdf", "PDF")
_JPEG = EvidenceType("image/jpeg", ".jpg", "JPEG")
_PNG = EvidenceType("image/png", ".png", "PNG")
_WEBP = EvidenceType("image/webp", ".webp", "WebP")
_GIF = EvidenceType("image/gif", ".gif", "GIF")
_MP3 = EvidenceType("audio/mpeg", ".mp3", "MP3")
_WAV = EvidenceType("audio/wav", ".wav", "WAV")
_OGG = EvidenceType("audio/ogg", ".ogg", "OGG")
_MP4 = EvidenceType("video/mp4", ".mp4", "MP4")
_M4A = EvidenceType("audio/mp4", ".m4a", "M4A")
_DOCX = EvidenceType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"
)
_XLSX = EvidenceType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX")
_PPTX = EvidenceType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", "PPTX"
)

ACCEPTED: tuple[EvidenceType, ...] = (
    _PDF,
    _JPEG,
    _PNG,
    _WEBP,
    _GIF,
    _MP3,
    _WAV,
    _OGG,
    _MP4,
    _M4A,
    _DOCX,
    _XLSX,
    _PPTX,
)

_OFFICE_PARTS = (("word/", _DOCX), ("xl/", _XLSX), ("ppt/", _PPTX))


def sniff(head: bytes, whole: io.BufferedIOBase | io.BytesIO | None = None) -> EvidenceType | None:
    """The accepted type `head` (the file's first bytes) shows, or None.

    Office files are ZIP archives; `whole` (seekable) lets their parts be listed.
    """
    if head.startswith(b"%PDF-"):
        return _PDF
    if head.startswith(b"\xff\xd8\xff"):
        return _JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _WAV
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _GIF
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return _MP3
    if head.startswith(b"OggS"):
        return _OGG
    if head[4:8] == b"ftyp":
        return _M4A if head[8:11] == b"M4A" else _MP4
    if head.startswith(b"PK\x03\x04") and whole is not None:
        return _office_type(whole)
    return None


def _office_type(whole: io.BufferedIOBase | io.BytesIO) -> EvidenceType | None:
    try:
        whole.seek(0)
        with zipfile.ZipFile(whole) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        return None
    finally:
        whole.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in _OFFICE_PARTS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return None

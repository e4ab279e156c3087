"""Evidence files are judged by their first bytes (and, for office files, their parts)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.tracking.filetypes import ACCEPTED, HEAD_BYTES, sniff


def kind_of(content: bytes) -> str | None:
    kind = sniff(content[:HEAD_BYTES], io.BytesIO(content))
    return kind.content_type if kind else None


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def riff(form: bytes) -> bytes:
    return b"RIFF" + struct.pack("<I", 36) + form + b"fmt " + b"\x00" * 24


def ftyp(brand: bytes) -> bytes:
    return struct.pack(">I", 24) + b"ftyp" + brand + b"\x00\x00\x00\x00isomiso2" + b"\x00" * 16


def office(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def real_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def real_xlsx() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "image/jpeg"),
        (png(), "image/png"),
        (riff(b"WEBP"), "image/webp"),
        (riff(b"WAVE"), "audio/wav"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "image/gif"),
        (b"GIF87a\x01\x00\x01\x00", "image/gif"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64" + b"\x00" * 20, "audio/mpeg"),  # an MPEG frame without a tag
        (b"OggS\x00\x02" + b"\x00" * 20, "audio/ogg"),
        (ftyp(b"isom"), "video/mp4"),
        (ftyp(b"M4A "), "audio/mp4"),
        (real_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (real_xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (
            office({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": b"<p/>"}),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_accepted_kind_is_known_by_its_signature(content: bytes, expected: str) -> None:
    assert kind_of(content) == expected


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(office({"a.txt": b"xin chao", "b/c.html": b"<html>"}), id="zip-not-office"),
        pytest.param(office({"word/document.xml": b"<w/>"}), id="zip-without-content-types"),
        pytest.param(
            office({"[Content_Types].xml": CONTENT_TYPES, "content.xml": b"<x/>"}), id="zip-no-office-part"
        ),
        pytest.param(b"PK\x03\x04" + b"\x14\x00" * 30, id="corrupt-zip"),
        pytest.param(real_docx()[:200], id="truncated-docx"),
        pytest.param(b"%PDF<html><script>alert(1)</script>", id="pdf-lookalike-html"),
        pytest.param(b"<html>%PDF-1.4", id="html-mentioning-pdf"),
        pytest.param(b"<!DOCTYPE html><html></html>", id="html"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"/>', id="svg"),
        pytest.param(b"#!/bin/sh\nrm -rf /\n", id="script"),
        pytest.param(b"MZ\x90\x00\x03", id="windows-exe"),
        pytest.param(b"\x7fELF\x02\x01\x01", id="elf"),
        pytest.param(b"RIFF\x24\x00\x00\x00AVI ", id="avi"),
        pytest.param(b"", id="empty"),
    ],
)
def test_everything_else_is_refused(content: bytes) -> None:
    assert kind_of(content) is None


def with_future_zip_version(content: bytes) -> bytes:
    """The archive with its first central-directory entry asking for ZIP version 8.5."""
    entry = content.index(b"PK\x01\x02")
    version_needed = entry + 6
    return content[:version_needed] + struct.pack("<H", 85) + content[version_needed + 2 :]


def test_an_office_file_from_a_newer_zip_version_is_refused_not_raised() -> None:
    # zipfile raises NotImplementedError("zip file version 8.5") while listing such an archive
    assert kind_of(with_future_zip_version(real_docx())) is None


def test_an_office_file_needs_its_whole_content_to_be_recognised() -> None:
    assert sniff(real_docx()[:HEAD_BYTES]) is None


def test_sniffing_rewinds_the_file() -> None:
    whole = io.BytesIO(real_xlsx())
    whole.seek(100)
    assert sniff(whole.getvalue()[:HEAD_BYTES], whole) is not None
    assert whole.tell() == 0


def test_every_accepted_kind_has_a_distinct_extension_and_a_label() -> None:
    assert len({kind.extension for kind in ACCEPTED}) == len(ACCEPTED)
    assert all(kind.extension.startswith(".") and kind.label for kind in ACCEPTED)
    assert not any("html" in kind.content_type or "svg" in kind.content_type for kind in ACCEPTED)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512))
def test_random_bytes_never_raise(content: bytes) -> None:
    kind = sniff(content[:HEAD_BYTES], io.BytesIO(content))
    assert kind is None or kind in ACCEPTED


DOCX = real_docx()


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=len(DOCX)))
def test_damaged_office_files_never_raise(noise: bytes, at: int) -> None:
    # overwrite bytes anywhere, the central directory at the end included
    damaged = DOCX[:at] + noise + DOCX[at + len(noise) :]
    kind = sniff(damaged[:HEAD_BYTES], io.BytesIO(damaged))
    assert kind is None or kind in ACCEPTED

"""File → text for .txt/.md/.html/.docx/.pdf (text layer).

The format is sniffed from the bytes first (a PDF renamed .txt is still a PDF) and from
the file name second. Every refusal is an `ImportFailure` with a machine code:
"too_large" over `MAX_BYTES`, "empty" for no text (including a scanned PDF without a text
layer), "binary" for bytes that are not text, "unreadable" for a damaged or locked file.
Word tables are written as pipe rows (`| a | b |`) so the table reader sees real cells.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from loa.text.plan_import.model import ImportFailure

MAX_BYTES = 20 * 1024 * 1024

TEXT_FORMATS = ("txt", "md")


def detect_format(data: bytes, filename: str = "") -> str:
    """One of "pdf", "docx", "html", "md", "txt", "doc" from magic bytes, then the suffix."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    lowered = head.lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered[:1024]:
        return "html"
    suffix = Path(filename).suffix.lower().lstrip(".")
    if suffix in ("htm", "html", "xhtml"):
        return "html"
    if suffix in ("md", "markdown"):
        return "md"
    if suffix in ("pdf", "docx", "doc"):
        return suffix
    return "txt"


def read_document(path_or_bytes: Path | str | bytes, filename: str = "") -> str:
    """Text of a document; see `read_document_with_format`."""
    return read_document_with_format(path_or_bytes, filename)[0]


def read_document_with_format(path_or_bytes: Path | str | bytes, filename: str = "") -> tuple[str, str]:
    """Text of a document and the format it was read as."""
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
    else:
        path = Path(path_or_bytes)
        filename = filename or path.name
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise ImportFailure(
                    "too_large", f"file is {size // (1024 * 1024)} MiB, over the 20 MiB limit"
                )
            data = path.read_bytes()
        except ImportFailure:
            raise
        except OSError as exc:
            raise ImportFailure("unreadable", f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise ImportFailure("too_large", f"file is {len(data) // (1024 * 1024)} MiB, over the 20 MiB limit")
    if not data.strip():
        raise ImportFailure("empty", "file is empty")
    fmt = detect_format(data, filename)
    if fmt == "pdf":
        text = _read_pdf(data)
    elif fmt == "docx":
        text = _read_docx(data)
    elif fmt == "doc":
        raise ImportFailure("unreadable", "legacy Word .doc format; save the file as .docx or PDF")
    elif fmt == "html":
        text = _read_html(_decode(data))
    else:
        text = _decode(data)
    if not text.strip():
        raise ImportFailure("empty", "no text found in the file")
    return text, fmt


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFailure("unreadable", "broken UTF-16 text") from exc
        return _check_text(text)
    if b"\x00" in data[:4096]:
        raise ImportFailure("binary", "binary data, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
    return _check_text(text)


def _check_text(text: str) -> str:
    sample = text[:20000]
    if not sample:
        return text
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    if bad > max(8, len(sample) // 50):
        raise ImportFailure("binary", "binary data, not a text document")
    return text


def _read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailure("unreadable", "PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportFailure:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError) as exc:
        raise ImportFailure("unreadable", f"damaged PDF ({type(exc).__name__})") from exc
    text = "\n\f\n".join(pages)
    if not text.strip():
        raise ImportFailure("empty", "PDF has no text layer (a scan?); run OCR first")
    return text


def _read_docx(data: bytes) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, document).text)
            elif tag == "tbl":
                lines.append("")
                for row in Table(child, document).rows:
                    cells: list[str] = []
                    previous = None
                    for cell in row.cells:
                        if cell._tc is previous:  # a merged cell repeats; keep one copy
                            continue
                        previous = cell._tc
                        cells.append(" ".join(cell.text.split()))
                    lines.append("| " + " | ".join(cells) + " |")
                lines.append("")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFailure("unreadable", f"damaged .docx ({type(exc).__name__})") from exc
    return "\n".join(lines)


def _read_html(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    root = soup.find("article") or soup.body or soup
    lines: list[str] = []
    for table in root.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all(["td", "th"])]
            rows.append("| " + " | ".join(cells) + " |")
        table.replace_with(soup.new_string("\n" + "\n".join(rows) + "\n"))
    for br in root.find_all("br"):
        br.replace_with("\n")
    text = root.get_text("\n")
    for line in text.split("\n"):
        lines.append(" ".join(line.split()))
    return "\n".join(lines)

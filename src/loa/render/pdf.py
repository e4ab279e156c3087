"""PDF from the .docx that `loa.render.docx_writer` makes, through LibreOffice; previews by Poppler.

One layout source (the .docx) gives both files officials download, so the PDF looks like the
Word file (see docs/adr/0007). LibreOffice prints Times New Roman with Liberation Serif
(Debian's fonts-liberation2), which has the same advance widths, so lines and pages break
where Word breaks them.

- `docx_to_pdf(docx)` runs ``soffice --headless --convert-to pdf`` in a private temporary
  directory with its own LibreOffice profile (``-env:UserInstallation``), so conversions may
  run concurrently; the directory is removed afterwards. Each call starts LibreOffice afresh:
  a few seconds per document, fine for a background job, too slow for a request.
- `pdf_first_page_png(pdf)` renders page 1 with ``pdftoppm`` (Debian's poppler-utils).

Both raise `PdfConversionError` (a plain `RuntimeError`: a missing tool or a crash is an
operations problem, not a domain rule a user can fix) with an English message naming the
Debian package to install when the tool is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PdfConversionError", "docx_to_pdf", "pdf_first_page_png"]

SOFFICE_PACKAGE = "libreoffice-writer-nogui"
PDFTOPPM_PACKAGE = "poppler-utils"


class PdfConversionError(RuntimeError):
    """LibreOffice or Poppler is missing, failed, or took too long; the message says which."""


def docx_to_pdf(docx: bytes, *, timeout: float = 120) -> bytes:
    """The PDF that LibreOffice prints from `docx`; `timeout` in seconds for the whole run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfConversionError(
            f"LibreOffice (soffice) is not installed; install the Debian package {SOFFICE_PACKAGE} "
            "(make system-deps does)."
        )
    with tempfile.TemporaryDirectory(prefix="loa-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx)
        profile = work / "profile"
        out = work / "out"
        out.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out),
            str(source),
        ]
        completed = _run(command, timeout=timeout, env={**os.environ, "HOME": str(work)}, what="LibreOffice")
        pdf = out / "document.pdf"
        if completed.returncode != 0 or not pdf.is_file():
            raise PdfConversionError(
                f"LibreOffice could not convert the document to PDF (exit status {completed.returncode}): "
                f"{_tail(completed.stderr or completed.stdout)}"
            )
        data = pdf.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise PdfConversionError("LibreOffice wrote a file that is not a PDF.")
    return data


def pdf_first_page_png(pdf: bytes, *, dpi: int = 60, timeout: float = 60) -> bytes:
    """Page 1 of `pdf` as a PNG image at `dpi` dots per inch (60 gives about 500 × 700 px for A4)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise PdfConversionError(
            f"pdftoppm is not installed; install the Debian package {PDFTOPPM_PACKAGE} "
            "(make system-deps does)."
        )
    with tempfile.TemporaryDirectory(prefix="loa-png-") as tmp:
        work = Path(tmp)
        source = work / "document.pdf"
        source.write_bytes(pdf)
        prefix = work / "page"
        command = [
            pdftoppm,
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(prefix),
        ]
        completed = _run(command, timeout=timeout, env=None, what="pdftoppm")
        image = prefix.with_suffix(".png")
        if completed.returncode != 0 or not image.is_file():
            raise PdfConversionError(
                f"pdftoppm could not render the PDF (exit status {completed.returncode}): "
                f"{_tail(completed.stderr)}"
            )
        return image.read_bytes()


def _run(
    command: list[str], *, timeout: float, env: dict[str, str] | None, what: str
) -> subprocess.CompletedProcess[str]:
    """Run `command` in its own process group; on timeout kill the whole group (soffice forks)."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        raise PdfConversionError(
            f"{what} did not finish within {timeout:g} seconds and was stopped."
        ) from None
    except BaseException:
        _kill_group(process)
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _tail(text: str, limit: int = 500) -> str:
    text = " ".join(text.split())
    return text[-limit:] if text else "no message"

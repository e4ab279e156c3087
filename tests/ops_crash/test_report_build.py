"""SIGKILL of the worker in the middle of building a plan's .docx and .pdf.

A build is asked for over HTTP (the "Tải .PDF" button) and runs in `loa db_worker`: the
plan laid out as a .docx (python-docx), then printed to PDF by LibreOffice, the file stored,
the build marked ready. One build of each format on a fresh worker measures how long
LibreOffice takes; then builds of other plans are asked for and the worker is killed (with
LibreOffice) at points spread over the build, from just after the request (queued) through
the layout of the .docx to early and late in LibreOffice's run, and started again. After each kill:

- no build is ready without its file: the file is on disk, not empty, and opens (a PDF
  pypdf reads, a .docx that is a whole zip package);

and at the end every interrupted build is ready (the restarted worker ran it) or failed
with a message on its page (none is left "running"), no task of a dead worker is still
recorded as running, and the same file asked for again is built. Files written before a
kill whose build never became ready may stay on disk unreferenced; that is tolerated (they
are counted, never served) and printed.
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from .harness import Browser, Site, assert_no_task_left_running, poll

# Where the worker is killed: (format, moment, fraction of the LibreOffice run measured).
# "asked": as soon as the request is answered (the build queued, perhaps just taken);
# "running": as soon as the build is seen running (laying out the .docx); "converting":
# that far into LibreOffice's run (the build says "converting to PDF" while it lasts).
KILL_POINTS = (
    ("pdf", "asked", 0.0),
    ("docx", "running", 0.0),
    ("pdf", "converting", 0.25),
    ("pdf", "converting", 0.8),
)
INTERRUPTED_MESSAGE = "bị gián đoạn"
CONVERTING = 60  # the progress a build shows while LibreOffice converts it (loa.reports.builds)


def request_build(browser: Browser, plan_id: int, fmt: str) -> int:
    """Press "Tải .PDF" / "Tải .DOCX" on the plan's page: the build's id."""
    response = browser.post(
        "/bao-cao/van-ban/", {"plan": plan_id, "format": fmt, "next": "/"}, allow_redirects=False
    )
    assert response.status_code == 302, response.text[:1000]
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def build_status(site: Site, build_id: int) -> str:
    return str(site.database.scalar("SELECT status FROM reports_documentbuild WHERE id = %s", (build_id,)))


def build_progress(site: Site, build_id: int) -> int:
    return int(site.database.scalar("SELECT progress FROM reports_documentbuild WHERE id = %s", (build_id,)))


def wait_for_build(site: Site, build_id: int, timeout: float = 180) -> str:
    return str(
        poll(
            lambda: (status := build_status(site, build_id)) in ("ready", "failed") and status,
            timeout=timeout,
            interval=0.01,
            what=f"build {build_id}",
        )
    )


def file_problem(path: Path, fmt: str) -> str:
    """Why the stored file is not a whole .pdf or .docx ("" when it is)."""
    if not path.is_file():
        return "missing"
    data = path.read_bytes()
    if not data:
        return "empty"
    try:
        if fmt == "pdf":
            if len(PdfReader(io.BytesIO(data), strict=True).pages) < 1:
                return "a PDF without pages"
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                if package.testzip() is not None or "word/document.xml" not in package.namelist():
                    return "not a whole .docx"
    except Exception as exc:
        return f"unreadable ({type(exc).__name__}: {exc})"
    return ""


def check_ready_builds_have_files(site: Site) -> list[str]:
    problems = []
    for build_id, fmt, name, finished in site.database.rows(
        "SELECT id, format, file, finished_at FROM reports_documentbuild WHERE status = 'ready'"
    ):
        problem = "no file recorded" if not name else file_problem(site.media / name, fmt)
        if problem or finished is None:
            problems.append(f"ready build {build_id} ({fmt}): {problem or 'no finished_at'}")
    return problems


def files_without_build(site: Site) -> int:
    """Files a killed worker wrote but never recorded (its transaction did not commit)."""
    known = {
        name for (name,) in site.database.rows("SELECT file FROM reports_documentbuild WHERE file <> ''")
    }
    return sum(1 for p in site.media_files("documents") if str(p.relative_to(site.media)) not in known)


def test_document_build_survives_sigkill_of_the_worker(site: Site) -> None:
    if shutil.which("soffice") is None:
        pytest.fail("soffice is not installed: run `make system-deps` (Debian's libreoffice-writer-nogui).")
    site.start()
    browser = Browser(site, form_page="/ke-hoach/nhap/", session=site.info["session"])
    plans = list(site.info["plans"])

    # Measured on a fresh worker, as each interrupted build runs on one (LibreOffice starts
    # afresh for every PDF); the kill after them is the point "just after a build ended".
    assert wait_for_build(site, request_build(browser, plans[0], "docx")) == "ready"
    pdf = request_build(browser, plans[0], "pdf")
    poll(lambda: build_progress(site, pdf) >= CONVERTING, timeout=120, interval=0.005, what="the conversion")
    converting = time.monotonic()
    assert wait_for_build(site, pdf) == "ready"
    conversion = time.monotonic() - converting
    site.restart(web=False)
    assert check_ready_builds_have_files(site) == []

    interrupted = []
    for (fmt, moment, fraction), plan_id in zip(KILL_POINTS, plans[1:], strict=False):
        build_id = request_build(browser, plan_id, fmt)
        if moment == "running":
            poll(lambda: build_status(site, build_id) != "queued", timeout=60, interval=0.005)  # noqa: B023
        elif moment == "converting":
            poll(lambda: build_progress(site, build_id) >= CONVERTING, timeout=120, interval=0.005)  # noqa: B023
            time.sleep(fraction * conversion)
        stage = site.database.rows(
            "SELECT status, progress FROM reports_documentbuild WHERE id = %s", (build_id,)
        )
        site.kill(web=False)
        interrupted.append((build_id, plan_id, fmt, moment, fraction, stage[0]))
        site.launch(web=False)
        problems = check_ready_builds_have_files(site)
        assert problems == [], f"after killing the worker: {problems}"
        site.wait_ready(web=False)
    print(
        f"\nPDF conversion {conversion:.2f} s\nkills (build, plan, format, when, share, state): {interrupted}"
    )
    # The kills landed inside the builds: most cut one short.
    cut_short = sum(1 for *_kill, (status, _progress) in interrupted if status != "ready")
    assert cut_short >= len(interrupted) // 2, interrupted

    # The user waits on the build's page: it finishes (the kill came before the worker took
    # it) or says it was interrupted; asking again then makes a new build.
    def settled() -> bool:
        active = [b for b, *_rest in interrupted if build_status(site, b) in ("queued", "running")]
        for build_id in active:
            browser.get(f"/bao-cao/van-ban/{build_id}/", headers={"HX-Request": "true"})
        return not active

    poll(settled, timeout=120, interval=0.25, what="interrupted builds to finish or fail")
    for build_id, *_rest in interrupted:
        if build_status(site, build_id) == "failed":
            page = browser.get(f"/bao-cao/van-ban/{build_id}/")
            assert INTERRUPTED_MESSAGE in page.text, page.text[:2000]
    assert_no_task_left_running(
        site, any_lost=any(build_status(site, b) == "failed" for b, *_rest in interrupted)
    )

    # Asked for again, the file is built (a failed build is not handed out again); the .docx
    # suffices, LibreOffice takes long.
    build_id, plan_id, fmt, *_rest = next(kill for kill in interrupted if kill[2] == "docx")
    again = request_build(browser, plan_id, fmt)
    assert again != build_id or build_status(site, build_id) == "ready"
    assert wait_for_build(site, again) == "ready"
    assert check_ready_builds_have_files(site) == []
    statuses = [build_status(site, b) for b, *_rest in interrupted]
    print(
        f"interrupted builds ended {statuses}; files on disk without their build: {files_without_build(site)}"
    )

"""The Django side of plan import: upload → background extraction → review draft.

The pure-Python engine (`loa.text.plan_import`) does the reading; this module stores
the upload, runs the engine in a background task with progress, and keeps the
extraction as a JSON draft that the user corrects before `save_imported_plan`.

An extraction whose worker died (killed mid-import, see `loa.ops.jobs`) is marked failed
when its page is looked at or another document is uploaded (`fail_if_lost`,
`fail_lost_imports`), with a message asking for the file again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loa.accounts.permissions import can_edit_plans, ensure
from loa.ops.jobs import fail_lost_jobs
from loa.text.plan_import import ImportedPlan, ImportFailure, import_plan_text, read_document
from loa.text.plan_import.export import to_plan_json
from loa.text.plan_import.model import Section
from loa.units.models import Unit

from .choices import ImportStatus
from .errors import UploadRefused
from .models import PlanImport

logger = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

# Vietnamese messages for the engine's failure codes (the core speaks English).
FAILURE_MESSAGES = {
    "unreadable": gettext_lazy("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng."),
    "empty": gettext_lazy("Tệp không có nội dung văn bản (có thể là ảnh quét chưa nhận dạng chữ)."),
    "binary": gettext_lazy("Tệp không phải văn bản (.txt, .md, .html, .docx hoặc .pdf có lớp chữ)."),
    "not_a_plan": gettext_lazy("Văn bản này không phải là một kế hoạch."),
    "too_large": gettext_lazy("Tệp quá lớn."),
}


_FIELD_LABELS = {
    "number": gettext_lazy("số, ký hiệu"),
    "issue_date": gettext_lazy("ngày ban hành"),
    "issuer": gettext_lazy("cơ quan ban hành"),
    "year": gettext_lazy("năm kế hoạch"),
    "signer": gettext_lazy("người ký"),
    "title": gettext_lazy("trích yếu"),
}
# The engine's warnings (English, for the CLI) → messages for the review page.
_WARNINGS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(r"^(\w+) not found$"),
        lambda m: _("Không tìm thấy %(field)s.") % {"field": _FIELD_LABELS.get(m.group(1), m.group(1))},
    ),
    (re.compile(r"^no roman-numeral sections found$"), lambda m: _("Không tìm thấy các mục đánh số La Mã.")),
    (re.compile(r"^no audiences"), lambda m: _("Không tìm thấy đối tượng tuyên truyền.")),
    (re.compile(r"^no tasks found$"), lambda m: _("Không tìm thấy phụ lục nhiệm vụ hoặc nhiệm vụ cụ thể.")),
    (
        re.compile(r"^text lost its diacritics"),
        lambda m: _(
            "Văn bản bị mất dấu (ảnh quét); đã khôi phục dấu ở những từ nhận ra được, cần kiểm tra lại."
        ),
    ),
    (
        re.compile(r"^task '(.*)' mentions another year than (\d+): (.*)$", re.S),
        lambda m: (
            _("Nhiệm vụ “%(task)s” ghi năm khác năm kế hoạch %(year)s: %(timing)s.")
            % {"task": m.group(1), "year": m.group(2), "timing": m.group(3)}
        ),
    ),
    (
        re.compile(r"^issue date day '(.*)' is unreadable; read as (\d+)$"),
        lambda m: (
            _("Ngày ban hành đọc không rõ (“%(day)s”); tạm đọc là %(read)s, cần kiểm tra.")
            % {"day": m.group(1), "read": m.group(2)}
        ),
    ),
    (
        re.compile(r"^issue date day '(.*)' is unreadable$"),
        lambda m: _("Ngày ban hành đọc không rõ (“%(day)s”).") % {"day": m.group(1)},
    ),
    (
        re.compile(r"^appendix table is an OCR scan"),
        lambda m: _("Bảng phụ lục là ảnh quét; các dòng được dựng lại gần đúng, cần kiểm tra."),
    ),
)


def warning_message(warning: str) -> str:
    """The review page's Vietnamese wording of an engine warning (unknown ones pass through)."""
    for pattern, message in _WARNINGS:
        match = pattern.match(warning)
        if match:
            return str(message(match))
    return warning


def failure_message(code: str) -> str:
    return str(FAILURE_MESSAGES.get(code, _("Không nhập được văn bản.")))


@transaction.atomic
def start_plan_import(unit: Unit, *, upload: UploadedFile, actor: Any) -> PlanImport:
    """Store an uploaded plan document and queue its extraction.

    Refuses files over the size limit or with a suffix the engine cannot read; the
    content itself is checked by the engine, which names what is wrong.
    """
    ensure(can_edit_plans(actor, unit))
    name = Path(upload.name or "").name or "van-ban"
    if upload.size is None or upload.size == 0:
        raise UploadRefused(_("Tệp rỗng."))
    if upload.size > settings.LOA_MAX_UPLOAD_BYTES:
        limit_mb = settings.LOA_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise UploadRefused(_("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": limit_mb})
    if not name.lower().endswith(ACCEPTED_SUFFIXES):
        raise UploadRefused(_("Chỉ nhận tệp .txt, .md, .html, .docx hoặc .pdf."))
    fail_lost_imports(PlanImport.objects.filter(unit=unit))
    plan_import = PlanImport(unit=unit, uploaded_by=actor, original_name=name[:255], size=upload.size)
    plan_import.file.save(name, upload, save=False)
    plan_import.save()
    from .tasks import extract_plan_import

    transaction.on_commit(lambda: extract_plan_import.enqueue(plan_import.pk))
    return plan_import


def fail_lost_imports(imports: QuerySet[PlanImport] | None = None) -> int:
    """Mark failed the queued or running imports (of `imports`, else all) whose worker is gone."""
    from .tasks import extract_plan_import  # the task module imports this one

    return fail_lost_jobs(
        imports if imports is not None else PlanImport.objects.all(),
        task_path=extract_plan_import.module_path,
        active=[ImportStatus.QUEUED, ImportStatus.RUNNING],
        failed={
            "status": ImportStatus.FAILED,
            "error_code": "interrupted",
            "error_message": _(
                "Việc đọc văn bản bị gián đoạn (máy chủ đã khởi động lại). Vui lòng tải tệp lên lại."
            ),
            "updated_at": timezone.now(),
        },
    )


def fail_if_lost(plan_import: PlanImport) -> PlanImport:
    """`plan_import` as it stands, marked failed first if its worker is gone (for its pages)."""
    if plan_import.status in (ImportStatus.QUEUED, ImportStatus.RUNNING) and fail_lost_imports(
        PlanImport.objects.filter(pk=plan_import.pk)
    ):
        plan_import.refresh_from_db()
    return plan_import


def _set_progress(plan_import: PlanImport, progress: int, stage: str) -> None:
    plan_import.progress = progress
    plan_import.stage = stage
    # With the status: the page shows "reading" (not "queued") while the worker reads.
    plan_import.save(update_fields=["status", "progress", "stage", "updated_at"])


def run_plan_import(plan_import_id: int) -> PlanImport:
    """Extract the plan from a stored upload; never raises for a bad document.

    Each step saves its progress so the page can show it; a failure is stored with a
    message naming the problem, and the upload stays for the user to retry or delete.
    """
    plan_import = PlanImport.objects.get(pk=plan_import_id)
    if plan_import.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        return plan_import
    plan_import.status = ImportStatus.RUNNING
    _set_progress(plan_import, 10, _("Đang đọc tệp"))
    try:
        with plan_import.file.open("rb") as handle:
            data = handle.read()
        text = read_document(data, plan_import.original_name)
        # Shown beside the draft: NFC so that decomposed PDF text renders as typed.
        plan_import.source_text = unicodedata.normalize("NFC", text)
        _set_progress(plan_import, 40, _("Đang phân tích cấu trúc văn bản"))
        suffix = Path(plan_import.original_name).suffix.lstrip(".").lower() or "txt"
        imported = import_plan_text(text, source_name=plan_import.original_name, source_format=suffix)
        _set_progress(plan_import, 90, _("Đang chuẩn bị bản xem lại"))
        plan_import.draft = draft_from_imported(imported)
        plan_import.status = ImportStatus.READY
        plan_import.progress = 100
        plan_import.stage = ""
    except ImportFailure as failure:
        plan_import.status = ImportStatus.FAILED
        plan_import.error_code = failure.code
        plan_import.error_message = failure_message(failure.code)[:300]
    except Exception:
        # A bug in the engine must not leave the import spinning forever.
        logger.exception("plan import %s crashed", plan_import_id)
        plan_import.status = ImportStatus.FAILED
        plan_import.error_code = "crash"
        plan_import.error_message = _("Lỗi hệ thống khi đọc văn bản; đã ghi nhận để xử lý.")
    plan_import.save()
    return plan_import


def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | frozenset | set):
        return [_json_value(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def section_body(section: Section) -> str:
    """A top-level section's whole text: its own, then each sub-section under its heading line.

    Sub-headings keep their numbering ("1. Mục đích", "a) …") on a line of their own, so
    the text reads as the document did and can be rendered again.
    """
    parts = [section.text.strip()] if section.text.strip() else []
    for sub in section.subsections:
        heading = " ".join(p for p in (_numbered(sub.numeral), sub.title) if p)
        body = section_body(sub)
        parts.append("\n".join(p for p in (heading, body) if p))
    return "\n\n".join(parts)


def _numbered(numeral: str) -> str:
    if not numeral:
        return ""
    return f"{numeral})" if numeral.isalpha() and numeral.islower() else f"{numeral}."


def draft_from_imported(imported: ImportedPlan) -> dict[str, Any]:
    """The review draft: plan JSON v1 plus what Loa stores beyond it (sections, recipients …)."""
    draft: dict[str, Any] = dict(to_plan_json(imported))
    draft["title"] = imported.title or ""
    draft["place"] = imported.place or ""
    draft["signing_authority"] = imported.signing_authority or ""
    draft["signer_title"] = imported.signer_title or ""
    draft["recipients"] = list(imported.recipients)
    draft["content_themes"] = list(imported.content_themes)
    draft["sections"] = [
        {"numeral": s.numeral or "", "title": s.title or "", "text": section_body(s)}
        for s in imported.sections
    ]
    draft["based_on"] = [
        {
            "number": ref.number or "",
            "issuer": ref.issuer or "",
            "date": ref.date.isoformat() if ref.date else None,
            "title": ref.title or "",
            "raw": ref.raw or "",
        }
        for ref in imported.based_on
    ]
    for task_out, task in zip(draft.get("tasks") or [], imported.tasks, strict=False):
        task_out["end_timing_text"] = task.end_timing_text or ""
        task_out["note"] = task.note or ""
    draft["warnings"] = [warning_message(str(w)) for w in imported.warnings]
    return _json_value(draft)  # type: ignore[return-value]

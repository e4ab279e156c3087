"""Building plan and report files in the background, and keeping the ready ones.

`request_build` records what was asked and queues `tasks.build_document` on commit;
`run_build` renders the file, stores it and only then marks the build ready (the
database refuses "ready" without a file, so a crash never leaves a ready build
without its file). A ready build of an unchanged source is reused.

A build whose worker died (killed mid-build, see `loa.ops.jobs`) is marked failed when it
is looked at or asked for again (`fail_if_lost`, `fail_lost_builds`), so its page stops
waiting and a new request makes a new build instead of being handed the dead one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_view_unit, ensure
from loa.errors import DomainError
from loa.ops.jobs import fail_lost_jobs
from loa.plans.models import Plan
from loa.render.docx_writer import render_docx
from loa.render.pdf import docx_to_pdf
from loa.render.xlsx_writer import render_xlsx
from loa.text.folding import fold

from .choices import BuildStatus, DocumentFormat
from .documents import plan_document, report_document, report_workbook
from .models import DocumentBuild, Report

logger = logging.getLogger(__name__)

PLAN_FORMATS = (DocumentFormat.DOCX, DocumentFormat.PDF)
REPORT_FORMATS = (DocumentFormat.DOCX, DocumentFormat.PDF, DocumentFormat.XLSX)


class BuildRefused(DomainError):
    code = "build_refused"


def _source_of(build: DocumentBuild) -> Plan | Report:
    source = build.plan or build.report
    assert source is not None  # the database constraint keeps exactly one
    return source


def file_name(source: Plan | Report, fmt: str) -> str:
    if isinstance(source, Plan):
        stem = f"ke-hoach-{source.number or 'du-thao'}-{source.year}-{slugify(fold(source.unit.short_name))}"
    else:
        stem = f"bao-cao-{slugify(fold(source.label))}-{slugify(fold(source.unit.short_name))}"
    return f"{stem}.{fmt}"


@transaction.atomic
def request_build(source: Plan | Report, fmt: str, *, actor: Any) -> DocumentBuild:
    """A build of `source` as `fmt`: a ready one of the same version, or a new one queued."""
    ensure(can_view_unit(actor, source.unit_id))
    allowed = PLAN_FORMATS if isinstance(source, Plan) else REPORT_FORMATS
    if fmt not in allowed:
        raise BuildRefused(_("Không tạo được tệp định dạng %(format)s cho văn bản này.") % {"format": fmt})
    target: dict[str, Plan | Report] = {"plan": source} if isinstance(source, Plan) else {"report": source}
    fail_lost_builds(DocumentBuild.objects.filter(**target, format=fmt))
    current = (
        DocumentBuild.objects.filter(
            **target,
            format=fmt,
            source_updated_at=source.updated_at,
            status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING, BuildStatus.READY],
        )
        .order_by("-created_at")
        .first()
    )
    if current is not None:
        return current
    build = DocumentBuild.objects.create(
        unit_id=source.unit_id,
        format=fmt,
        source_updated_at=source.updated_at,
        file_name=file_name(source, fmt),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        **target,
    )
    from .tasks import build_document  # the task module imports this one

    transaction.on_commit(lambda: build_document.enqueue(build.pk))
    return build


def fail_lost_builds(builds: QuerySet[DocumentBuild] | None = None) -> int:
    """Mark failed the queued or running builds (of `builds`, else all) whose worker is gone."""
    from .tasks import build_document  # the task module imports this one

    return fail_lost_jobs(
        builds if builds is not None else DocumentBuild.objects.all(),
        task_path=build_document.module_path,
        active=[BuildStatus.QUEUED, BuildStatus.RUNNING],
        failed={
            "status": BuildStatus.FAILED,
            "progress": 100,
            "stage": "",
            "error_message": _("Việc tạo tệp bị gián đoạn (máy chủ đã khởi động lại). Vui lòng tạo lại tệp."),
            "finished_at": timezone.now(),
        },
    )


def fail_if_lost(build: DocumentBuild) -> DocumentBuild:
    """`build` as it stands, marked failed first if its worker is gone (for the page polling it)."""
    if build.status in (BuildStatus.QUEUED, BuildStatus.RUNNING) and fail_lost_builds(
        DocumentBuild.objects.filter(pk=build.pk)
    ):
        build.refresh_from_db()
    return build


def _progress(build: DocumentBuild, percent: int, stage: str) -> None:
    DocumentBuild.objects.filter(pk=build.pk).update(progress=percent, stage=stage)


def run_build(build_id: int) -> None:
    """Render and store one build (the background task's body)."""
    build = DocumentBuild.objects.select_related("plan__unit", "report__unit", "report__plan").get(
        pk=build_id
    )
    if build.status == BuildStatus.READY:
        return
    DocumentBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, progress=5, stage=_("Đang soạn")
    )
    try:
        source = _source_of(build)
        if build.format == DocumentFormat.XLSX:
            assert isinstance(source, Report)
            _progress(build, 40, _("Đang tạo bảng tính"))
            content = render_xlsx(report_workbook(source))
        else:
            document = plan_document(source) if isinstance(source, Plan) else report_document(source)
            _progress(build, 30, _("Đang trình bày văn bản"))
            content = render_docx(document)
            if build.format == DocumentFormat.PDF:
                _progress(build, 60, _("Đang chuyển sang PDF"))
                content = docx_to_pdf(content)
    except Exception as exc:  # a failed build must say so, whatever the cause
        logger.exception("document build %s failed", build.pk)
        DocumentBuild.objects.filter(pk=build.pk).update(
            status=BuildStatus.FAILED,
            progress=100,
            stage="",
            error_message=_("Không tạo được tệp: %(error)s") % {"error": str(exc)[:200]},
            finished_at=timezone.now(),
        )
        return
    with transaction.atomic():
        build = DocumentBuild.objects.select_for_update().get(pk=build.pk)
        build.file.save(build.file_name, ContentFile(content), save=False)
        build.status = BuildStatus.READY
        build.progress = 100
        build.stage = ""
        build.finished_at = timezone.now()
        build.save()

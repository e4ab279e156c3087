"""Report pages: list, create, edit and send, review by the unit above, roll-up status;
and the generated files (plan and report documents) with their progress and download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.permissions import can_report
from loa.accounts.queries import units_visible_to
from loa.errors import DomainError
from loa.plans.choices import ReportingPeriod
from loa.plans.queries import plans_visible_to
from loa.reports import builds, services
from loa.reports.choices import BuildStatus, ReportStatus
from loa.reports.documents import FIGURE_LABELS, pasteable_section, points
from loa.reports.narrative import section_titles
from loa.reports.queries import builds_visible_to, reports_visible_to
from loa.tracking.reporting import period
from loa.web.downloads import file_download

from .forms import NewReportForm, ReportForm, ReviewForm

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = reports_visible_to(request.user).order_by("-year", "-window_end", "unit__name")
    unit_id, year = _int(request.GET.get("don-vi")), _int(request.GET.get("nam"))
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id) if unit_id else None
    if unit is not None:
        reports = reports.filter(unit=unit)
    if year:
        reports = reports.filter(year=year)
    page = Paginator(reports, 50).get_page(request.GET.get("trang"))
    return render(request, "reports/report_list.html", {"page": page, "unit": unit, "year": year or ""})


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=_int(request.GET.get("don-vi")) or 0)
    if not can_report(request.user, unit):
        raise PermissionDenied
    form = NewReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(
                unit,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                index=form.cleaned_data["index"]
                if form.cleaned_data["kind"] == ReportingPeriod.QUARTERLY
                else 1,
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo báo cáo; số liệu được tính từ hoạt động đã ghi nhận."))
            return redirect("reports:detail", report.pk)
    return render(request, "reports/report_create.html", {"form": form, "unit": unit})


def _rows(figures: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(label, figures.get(key)) for key, label in FIGURE_LABELS.items() if figures.get(key) is not None]


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(reports_visible_to(request.user), pk=report_id)
    editable = report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED) and can_report(
        request.user, report.unit_id
    )
    initial = {"addressee": report.addressee, "number": report.number, "issue_date": report.issue_date}
    form = ReportForm(request.POST or None, initial=initial | report.narrative)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_report(report, form.report_input(), actor=request.user)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu báo cáo."))
                return redirect("reports:detail", report.pk)
    reviewer = (
        report.status == ReportStatus.SUBMITTED
        and report.unit.parent_id is not None
        and can_report(request.user, report.unit.parent_id)
    )
    context = {
        "report": report,
        "form": form,
        "editable": editable,
        "reviewer": reviewer,
        "review_form": ReviewForm(),
        "figure_rows": _rows(report.figures),
        "titles": section_titles(),
        "units": report.figures.get("units", []),
        "pasteable": pasteable_section(report),
        "score_text": f"{points(report.score['points'])}/{points(report.score['max_points'])}"
        if report.score
        else "",
        "builds": builds_visible_to(request.user).filter(report=report).order_by("-created_at")[:6],
        "formats": builds.REPORT_FORMATS,
    }
    return render(request, "reports/report_detail.html", context)


def _report_action(request: HttpRequest, report_id: int, action: Any, done: str) -> HttpResponse:
    report = get_object_or_404(reports_visible_to(request.user), pk=report_id)
    try:
        action(report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def report_refresh(request: HttpRequest, report_id: int) -> HttpResponse:
    return _report_action(
        request,
        report_id,
        lambda r: services.refresh_report(r, actor=request.user),
        _("Đã cập nhật số liệu đến hôm nay."),
    )


@login_required
@require_POST
def report_submit(request: HttpRequest, report_id: int) -> HttpResponse:
    return _report_action(
        request,
        report_id,
        lambda r: services.submit_report(r, actor=request.user),
        _("Đã gửi báo cáo lên cấp trên."),
    )


@login_required
@require_POST
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn tiếp nhận hoặc trả lại."))
        return redirect("reports:detail", report_id)
    accept = form.cleaned_data["decision"] == "accept"
    return _report_action(
        request,
        report_id,
        lambda r: services.review_report(
            r, accept=accept, comment=form.cleaned_data["comment"], actor=request.user
        ),
        _("Đã tiếp nhận báo cáo.") if accept else _("Đã trả lại báo cáo."),
    )


@login_required
def unit_reports(request: HttpRequest, unit_id: int) -> HttpResponse:
    """For a higher unit: who below it has reported for a period, on time or late, and who not."""
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=unit_id)
    today = timezone.localdate()
    year = _int(request.GET.get("nam")) or today.year
    kind = request.GET.get("ky") or ReportingPeriod.QUARTERLY
    index = _int(request.GET.get("quy")) or 1
    try:
        chosen = period(kind, year, index if kind == ReportingPeriod.QUARTERLY else 1)
    except ValueError:
        raise Http404 from None
    own = (
        reports_visible_to(request.user)
        .filter(unit=unit, year=chosen.year, kind=chosen.kind.value, index=chosen.index)
        .first()
    )
    children = list(unit.children.filter(era=unit.era).order_by("name"))
    by_unit = {
        r.unit_id: r
        for r in reports_visible_to(request.user).filter(
            unit__in=children, year=chosen.year, kind=chosen.kind.value, index=chosen.index
        )
    }
    due = services.deadline_for(unit, chosen)
    rows = [(child, by_unit.get(child.pk)) for child in children]
    context = {
        "unit": unit,
        "period": chosen,
        "year": year,
        "kind": kind,
        "index": index,
        "kinds": ReportingPeriod.choices,
        "own": own,
        "rows": rows,
        "due": due,
        "today": today,
        "submitted": sum(
            1 for _, r in rows if r and r.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        ),
        "can_report": can_report(request.user, unit),
    }
    return render(request, "reports/unit_reports.html", context)


@login_required
@require_POST
def build_request(request: HttpRequest) -> HttpResponse:
    """Ask for a plan or report file; the page then shows its progress and the download."""
    fmt = request.POST.get("format", "")
    plan_id, report_id = _int(request.POST.get("plan")), _int(request.POST.get("report"))
    source: Any
    if plan_id:
        source = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    elif report_id:
        source = get_object_or_404(reports_visible_to(request.user), pk=report_id)
    else:
        raise Http404
    try:
        build = builds.request_build(source, fmt, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False)
        return redirect(back if back and safe else "web:home")
    if request.htmx:  # type: ignore[attr-defined]
        build.refresh_from_db()  # a build run at once (tests, a fast worker) shows its link now
        return render(request, "reports/_build.html", {"build": build})
    return redirect("reports:build", build.pk)


@login_required
def build_status(request: HttpRequest, build_id: int) -> HttpResponse:
    build = builds.fail_if_lost(get_object_or_404(builds_visible_to(request.user), pk=build_id))
    template = "reports/_build.html" if request.htmx else "reports/build.html"  # type: ignore[attr-defined]
    return render(request, template, {"build": build})


@login_required
def build_download(request: HttpRequest, build_id: int) -> HttpResponseBase:
    build = get_object_or_404(builds_visible_to(request.user), pk=build_id, status=BuildStatus.READY)
    return file_download(
        build.file,
        filename=build.file_name,
        content_type=CONTENT_TYPES.get(build.format, "application/octet-stream"),
    )

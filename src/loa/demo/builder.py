"""Builds the demo: staff of one province and one of its communes, the seed plans and a live year.

Everything goes through the same services as the pages, so the demo also exercises
them; running it again changes nothing that is already there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.accounts.services import grant_role
from loa.plans.cascade import link_higher_plan
from loa.plans.choices import ImportStatus
from loa.plans.importing import run_plan_import
from loa.plans.models import Plan, PlanImport
from loa.plans.services import issue_plan, save_imported_plan
from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Unit
from loa.units.queries import best_unit_for, era_for_plan_year
from loa.units.services import add_legacy_unit, find_or_create_agency

from .live import (
    DEMO_COMMUNE_CODE,
    DEMO_PASSWORD,
    DEMO_PROVINCE_CODE,
    LiveSummary,
    build_live_year,
    demo_user,
)
from .portal import build_portal_demo
from .reports import ReportsSummary, build_live_reports

PROVINCE_AGENCIES = (
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Báo và Phát thanh, Truyền hình tỉnh",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
)
COMMUNE_AGENCIES = (
    "Văn phòng HĐND và UBND",
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Trung tâm Phục vụ hành chính công",
    "Đài Truyền thanh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Hội Liên hiệp Phụ nữ",
)


@dataclass
class DemoSummary:
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    plans_loaded: list[str] = field(default_factory=list)
    plans_skipped: list[str] = field(default_factory=list)
    live: LiveSummary | None = None
    reports: ReportsSummary | None = None


def _resolve_unit(draft: dict[str, object], text: str, actor: User) -> Unit | None:
    """The unit that issued an imported seed plan, added by hand when no official list has it."""
    year = draft.get("year") if isinstance(draft.get("year"), int) else None
    era = era_for_plan_year(year)  # type: ignore[arg-type]
    level = str(draft.get("level") or "")
    locality = str(draft.get("locality") or "")
    if not locality or level not in Level.values:
        return None
    unit = best_unit_for(locality, era=era, level=level, context_text=text)
    if unit is not None or era != Era.LEGACY or level != Level.COMMUNE:
        return unit
    # A commune merged away before the 2025 lists were taken: hang it under the district
    # whose plan it cites (its based-on issuer), as a hand-added legacy unit.
    for ref in draft.get("based_on") or []:  # type: ignore[attr-defined]
        issuer = str(ref.get("issuer") or "")
        for prefix in ("UBND huyện ", "UBND thị xã ", "UBND thành phố ", "UBND quận "):
            if issuer.startswith(prefix):
                district = best_unit_for(
                    issuer[len(prefix) :], era=era, level=Level.DISTRICT, context_text=text
                )
                if district is not None:
                    existing = district.children.filter(name__iexact=f"Xã {locality}").first()
                    return existing or add_legacy_unit(
                        name=f"Xã {locality}", kind=UnitKind.COMMUNE, parent=district, actor=actor
                    )
    return None


def load_seed_plan(path: Path, actor: User) -> tuple[Plan | None, str]:
    """Import one seed document through the engine and save it as its unit's plan.

    The issuing unit is read from the document itself, so the upload is held by the
    national root while the engine runs once, then handed to the unit its draft names.
    A document whose unit cannot be told leaves nothing behind.
    """
    if PlanImport.objects.filter(original_name=path.name, status=ImportStatus.SAVED).exists():
        return None, "đã có"
    holder = Unit.objects.get(era=Era.CURRENT, level=Level.NATIONAL)
    with transaction.atomic():
        plan_import = PlanImport(
            unit=holder, uploaded_by=actor, original_name=path.name, size=path.stat().st_size
        )
        plan_import.file.save(path.name, ContentFile(path.read_bytes()), save=False)
        plan_import.status = ImportStatus.RUNNING
        plan_import.save()
        plan_import = run_plan_import(plan_import.pk)
        draft = plan_import.draft if plan_import.status == ImportStatus.READY else None
        unit = _resolve_unit(draft, plan_import.source_text, actor) if draft is not None else None
        if draft is None or unit is None:
            plan_import.file.delete(save=False)
            transaction.set_rollback(True)
            if draft is None:
                return None, plan_import.error_message or "không đọc được"
            return None, "không xác định được đơn vị ban hành"
        plan_import.unit = unit
        plan_import.save(update_fields=["unit", "updated_at"])
        plan = save_imported_plan(plan_import, draft=draft, actor=actor)
        if plan.number is not None and plan.issue_date is not None:
            plan = issue_plan(plan, actor=actor)
    return plan, unit.name


def link_live_plans(province: Unit, *, year: int, actor: User) -> None:
    """Each live commune plan cites the province plan it implements (Căn cứ), as real ones do."""
    higher = Plan.objects.filter(unit=province, year=year).order_by("pk").first()
    if higher is None:
        return
    for plan in Plan.objects.filter(unit__parent=province, year=year).order_by("pk"):
        link_higher_plan(plan, higher, actor=actor)


def build_demo(seeds_dir: Path | None, *, log: Callable[[str], None] = print) -> DemoSummary:
    """Demo staff, the seed plans and a live year of Hưng Yên up to today; idempotent."""
    summary = DemoSummary()
    try:
        province = Unit.objects.get(era=Era.CURRENT, code=DEMO_PROVINCE_CODE)
        commune = Unit.objects.get(era=Era.CURRENT, code=DEMO_COMMUNE_CODE)
    except Unit.DoesNotExist as exc:
        raise RuntimeError("Units are not loaded: run `loa units load` first.") from exc
    admin = demo_user("demo.quantri", "Quản trị hệ thống (demo)", superuser=True)
    province_user = demo_user("demo.tinh", "Chuyên viên Sở Nội vụ (demo)")
    commune_user = demo_user("demo.xa", "Công chức Văn phòng (demo)")
    radio_user = demo_user("demo.truyenthanh", "Nhân viên Đài Truyền thanh (demo)")
    with transaction.atomic():
        grant_role(province_user, province, Role.ADMIN, actor=None)
        grant_role(commune_user, commune, Role.EDITOR, actor=None)
        grant_role(radio_user, commune, Role.REPORTER, actor=None)
        for name in PROVINCE_AGENCIES:
            find_or_create_agency(province, name, actor=admin)
        for name in COMMUNE_AGENCIES:
            find_or_create_agency(commune, name, actor=admin)
    summary.logins = [
        ("demo.xa", DEMO_PASSWORD, f"biên tập kế hoạch, {commune.name}"),
        ("demo.truyenthanh", DEMO_PASSWORD, f"cập nhật kết quả, {commune.name}"),
        ("demo.tinh", DEMO_PASSWORD, f"quản trị đơn vị, {province.name}"),
        ("demo.quantri", DEMO_PASSWORD, "quản trị toàn hệ thống"),
    ]
    if seeds_dir is None or not seeds_dir.is_dir():
        log(f"Không thấy thư mục văn bản mẫu {seeds_dir}; bỏ qua bước nhập kế hoạch mẫu.")
    else:
        for path in sorted(seeds_dir.glob("*.txt")):
            plan, note = load_seed_plan(path, admin)
            if plan is None:
                summary.plans_skipped.append(f"{path.name}: {note}")
            else:
                summary.plans_loaded.append(f"{path.name} → {plan} ({note})")
    today = timezone.localdate()
    summary.live = build_live_year(year=today.year, today=today, actor=admin)
    if summary.live.login is not None:
        summary.logins.insert(0, summary.live.login)
    link_live_plans(province, year=today.year, actor=admin)
    summary.reports = build_live_reports(province, year=today.year, today=today, actor=admin)
    build_portal_demo(province, commune, actor=admin)
    return summary

"""Importing a plan document into a unit: extraction, review draft, save, refusals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.accounts.choices import Role
from loa.audit.models import ChangeLogEntry, Verb
from loa.plans.choices import ImportStatus, PlanStatus
from loa.plans.errors import PlanNumberTaken, UploadRefused
from loa.plans.importing import start_plan_import
from loa.plans.models import Plan, PlanImport
from loa.plans.services import issue_plan, save_imported_plan
from loa.units.models import Agency, Unit
from tests.accounts.factories import MembershipFactory
from tests.conftest import SEEDS_DIR
from tests.plans.factories import PlanFactory
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def seed(prefix: str) -> Path:
    return next(SEEDS_DIR.glob(f"{prefix}_*.txt"))


@pytest.fixture
def import_document(django_capture_on_commit_callbacks: Any) -> Callable[..., PlanImport]:
    """Upload as the page does; the queued extraction runs when the transaction commits."""

    def run(unit: Unit, document: Path | SimpleUploadedFile, actor: Any) -> PlanImport:
        file = upload(document) if isinstance(document, Path) else document
        with django_capture_on_commit_callbacks(execute=True):
            plan_import = start_plan_import(unit, upload=file, actor=actor)
        plan_import.refresh_from_db()
        return plan_import

    return run


def test_seed_with_appendix_becomes_a_draft_plan_with_tasks_and_agencies(
    import_document: Callable[..., PlanImport],
) -> None:
    # given a commune editor (the immediate task backend runs the extraction at once)
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    # when
    plan_import = import_document(commune, seed("001"), editor)
    # then the draft is ready for review
    assert plan_import.status == ImportStatus.READY, plan_import.error_message
    assert plan_import.progress == 100
    assert plan_import.draft["year"] == 2024
    assert len(plan_import.draft["tasks"]) >= 6
    # when the user saves it unchanged
    plan = save_imported_plan(plan_import, draft=plan_import.draft, actor=editor)
    # then
    assert plan.status == PlanStatus.DRAFT
    assert plan.unit == commune
    assert plan.year == 2024
    assert plan.tasks.count() == len(plan_import.draft["tasks"])
    assert plan.sections.count() >= 3
    monthly = [t for t in plan.tasks.all() if t.recurrence == "monthly"]
    assert monthly, "the monthly radio column task keeps its recurrence"
    assert Agency.objects.filter(unit=commune).count() >= 3
    assert all(t.lead_agency is not None for t in plan.tasks.all() if t.lead_text)
    assert ChangeLogEntry.objects.filter(unit=commune, verb=Verb.PLAN_IMPORTED, target_id=plan.pk).exists()
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.SAVED
    assert plan_import.plan == plan


def test_agencies_are_matched_by_folded_name_not_duplicated(
    import_document: Callable[..., PlanImport],
) -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    Agency.objects.create(unit=commune, name="Dai Truyen thanh xa")
    plan_import = import_document(commune, seed("001"), editor)
    plan = save_imported_plan(plan_import, draft=plan_import.draft, actor=editor)
    names = list(Agency.objects.filter(unit=commune).values_list("folded_name", flat=True))
    assert len(names) == len(set(names))
    assert plan.tasks.filter(lead_agency__name="Dai Truyen thanh xa").exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.REPORTER])
def test_roles_without_plan_editing_cannot_upload(role: Role) -> None:
    commune = UnitFactory()
    user = MembershipFactory(unit=commune, role=role).user
    with pytest.raises(PermissionDenied):
        start_plan_import(commune, upload=upload(seed("000")), actor=user)
    assert PlanImport.objects.count() == 0


def test_refused_save_changes_nothing(import_document: Callable[..., PlanImport]) -> None:
    # given an import made by an editor, and a viewer of a sibling unit
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    plan_import = import_document(commune, seed("000"), editor)
    stranger = MembershipFactory(unit=UnitFactory(parent=commune.parent), role=Role.EDITOR).user
    # when
    with pytest.raises(PermissionDenied):
        save_imported_plan(plan_import, draft=plan_import.draft, actor=stranger)
    # then
    assert Plan.objects.count() == 0
    assert Agency.objects.filter(unit=commune).count() == 0
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.READY


def test_number_already_used_is_refused_and_nothing_is_half_written(
    import_document: Callable[..., PlanImport],
) -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    plan_import = import_document(commune, seed("001"), editor)
    draft = dict(plan_import.draft, number="13/KH-UBND", year=2024)
    PlanFactory(unit=commune, number=13, symbol="KH-UBND", year=2024)
    with pytest.raises(PlanNumberTaken):
        save_imported_plan(plan_import, draft=draft, actor=editor)
    assert Plan.objects.filter(unit=commune).count() == 1
    assert Agency.objects.filter(unit=commune).count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("trong.txt", b"   \n\n  ", "empty"),
        ("anh.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, None),
        ("thu-moi.txt", "Kính gửi các đồng chí, mời dự họp vào thứ Hai.".encode(), "not_a_plan"),
    ],
)
def test_bad_documents_fail_with_a_message_and_keep_the_system_working(
    import_document: Callable[..., PlanImport], name: str, content: bytes, code: str | None
) -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    plan_import = import_document(commune, SimpleUploadedFile(name, content), editor)
    assert plan_import.status == ImportStatus.FAILED
    if code is not None:
        assert plan_import.error_code == code
    assert plan_import.error_message.endswith(".")
    assert Plan.objects.count() == 0


def test_upload_with_unknown_suffix_or_over_the_limit_is_refused(settings: object) -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    with pytest.raises(UploadRefused, match="Chỉ nhận tệp"):
        start_plan_import(commune, upload=SimpleUploadedFile("plan.exe", b"MZ\x00\x00"), actor=editor)
    settings.LOA_MAX_UPLOAD_BYTES = 100  # type: ignore[attr-defined]
    with pytest.raises(UploadRefused, match="quá lớn"):
        start_plan_import(commune, upload=upload(seed("000")), actor=editor)
    assert PlanImport.objects.count() == 0


def test_issue_plan_takes_the_next_free_number() -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    PlanFactory(unit=commune, number=7, year=2026)
    draft = PlanFactory(unit=commune, year=2026)
    import datetime as dt

    issued = issue_plan(draft, issue_date=dt.date(2026, 1, 20), actor=editor)
    assert issued.number == 8
    assert issued.status == PlanStatus.ISSUED


def test_review_warnings_are_in_vietnamese(import_document: Callable[..., PlanImport]) -> None:
    commune = UnitFactory()
    editor = MembershipFactory(unit=commune, role=Role.EDITOR).user
    warnings = import_document(commune, seed("001"), editor).draft["warnings"]
    assert any("ghi năm khác năm kế hoạch 2024: Quý IV/2023" in w for w in warnings), warnings
    assert not any(" not found" in w or "mentions another year" in w for w in warnings)

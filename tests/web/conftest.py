"""Shared data of the staff page tests: a commune's plans, tasks, activity and evidence file.

Everything is written through the real services (as a superuser), so occurrences,
statuses and change-log rows exist as they would in production. The unit tree is the
one of `tests/accounts/conftest.py`: `tree.commune` and `tree.sibling` are two communes
of the same province, the case where a role on one must not reach the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from loa.accounts.choices import Role
from loa.accounts.models import Membership, User
from loa.activities.models import Activity, Attachment
from loa.activities.services import ActivityInput, log_activity
from loa.audit.models import ChangeLogEntry
from loa.plans.choices import Channel, ImportStatus, Measure
from loa.plans.models import Occurrence, Plan, PlanImport, PlanReference, PlanSection, Task
from loa.plans.services import PlanInput, TaskInput, add_task, create_plan, issue_plan
from loa.units.models import Agency, Unit
from tests.accounts.conftest import Tree, tree  # noqa: F401  (the fixture, reused as is)
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.evidence import PDF_BYTES, png_bytes  # noqa: F401  (re-exported to the web tests)


def today() -> dt.date:
    return timezone.localdate()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def member(unit: Unit, role: Role, **user_fields: Any) -> User:
    """A new user holding `role` on `unit`."""
    user: User = MembershipFactory(unit=unit, role=role, user=UserFactory(**user_fields)).user
    return user


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


TRACKED_MODELS: tuple[Any, ...] = (
    Unit,
    Agency,
    Membership,
    Plan,
    PlanSection,
    PlanReference,
    PlanImport,
    Task,
    Task.cooperating_agencies.through,
    Occurrence,
    Activity,
    Attachment,
    ChangeLogEntry,
)


def db_state(media_root: Path) -> dict[str, Any]:
    """Every row (all fields) of the tracked tables, and the files under MEDIA_ROOT."""
    state: dict[str, Any] = {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in TRACKED_MODELS
    }
    state["files"] = stored_files(media_root)
    return state


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    """A fresh MEDIA_ROOT per test, so 'no file was left' can be checked exactly."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def superuser(db: None) -> User:
    user: User = UserFactory(username="quantri", is_superuser=True)
    return user


@dataclass
class CommuneWork:
    """A commune's draft plan with two tasks, an issued plan with a logged activity, an import."""

    unit: Unit
    draft: Plan
    first_task: Task  # of the draft
    second_task: Task  # of the draft
    issued: Plan
    issued_task: Task  # monthly radio column of the issued plan
    activity: Activity  # fulfils issued_task, today
    attachment: Attachment  # a PNG photo of the activity
    plan_import: PlanImport  # ready for review


def build_commune_work(unit: Unit, *, actor: User) -> CommuneWork:
    year = today().year
    draft = create_plan(unit, PlanInput(year=year, title=f"Kế hoạch dự thảo của {unit.name}"), actor=actor)
    first = add_task(
        draft,
        TaskInput(
            title=f"Duy trì chuyên mục CCHC — {unit.name}",
            timing_text="Hàng tháng",
            lead="Đài Truyền thanh",
            cooperating=["Văn phòng HĐND và UBND"],
        ),
        actor=actor,
    )
    second = add_task(
        draft, TaskInput(title=f"Treo băng rôn, khẩu hiệu — {unit.name}", timing_text="Quý I"), actor=actor
    )
    issued = create_plan(
        unit, PlanInput(year=year, title=f"Kế hoạch đã ban hành của {unit.name}"), actor=actor
    )
    radio = add_task(
        issued,
        TaskInput(title=f"Phát thanh về CCHC — {unit.name}", timing_text="Hàng tháng", channel=Channel.RADIO),
        actor=actor,
    )
    issued = issue_plan(issued, number=1, issue_date=dt.date(year, 1, 5), actor=actor)
    activity = log_activity(
        unit,
        ActivityInput(
            happened_on=today(),
            channel=Channel.RADIO,
            title=f"Phát chuyên mục CCHC tại {unit.name}",
            quantity=15,
            measure=Measure.MINUTES,
            task=radio,
            files=[SimpleUploadedFile("pa-no.png", png_bytes(), content_type="image/png")],
        ),
        actor=actor,
    )
    plan_import = PlanImport.objects.create(
        unit=unit,
        uploaded_by=actor,
        file="plans/imports/ke-hoach.txt",
        original_name="ke-hoach.txt",
        size=120,
        status=ImportStatus.READY,
        progress=100,
        draft={"year": year, "title": "Kế hoạch nhập từ văn bản", "tasks": []},
    )
    return CommuneWork(
        unit=unit,
        draft=draft,
        first_task=first,
        second_task=second,
        issued=issued,
        issued_task=radio,
        activity=activity,
        attachment=activity.attachments.get(),
        plan_import=plan_import,
    )


@dataclass
class World:
    """Commune B (`target`) with its work, and people standing in every relation to it."""

    tree: Tree
    media_root: Path
    superuser: User
    target: CommuneWork  # the work of commune B = tree.sibling
    outsider: User  # editor of commune A = tree.commune, same province as B
    viewer: User  # viewer of the province
    reporter: User  # reporter of commune B
    editor: User  # editor of commune B
    admin: User  # admin of commune B


@pytest.fixture
def world(tree: Tree, media_root: Path, superuser: User) -> World:  # noqa: F811
    return World(
        tree=tree,
        media_root=media_root,
        superuser=superuser,
        target=build_commune_work(tree.sibling, actor=superuser),
        outsider=member(tree.commune, Role.EDITOR),
        viewer=member(tree.province, Role.VIEWER),
        reporter=member(tree.sibling, Role.REPORTER),
        editor=member(tree.sibling, Role.EDITOR),
        admin=member(tree.sibling, Role.ADMIN),
    )

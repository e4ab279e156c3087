"""Staff pages and the admin: wiring, Vietnamese text, and no cross-unit access."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loa.accounts.choices import Role
from loa.plans.choices import ImportStatus
from loa.plans.models import Plan, PlanImport
from tests.accounts.factories import MembershipFactory
from tests.conftest import SEEDS_DIR
from tests.plans.factories import PlanFactory, TaskFactory
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def signed_in(role: Role = Role.EDITOR, unit: object = None) -> tuple[Client, object]:
    membership = MembershipFactory(role=role, **({"unit": unit} if unit is not None else {}))
    client = Client()
    client.force_login(membership.user)
    return client, membership.unit


def test_login_page_speaks_vietnamese() -> None:
    response = Client().get(reverse("web:login"))
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


def test_pages_need_sign_in() -> None:
    for url in (reverse("web:home"), reverse("plans:list"), reverse("plans:import")):
        response = Client().get(url)
        assert response.status_code == 302
        assert reverse("web:login") in response["Location"]


def test_plan_pages_show_own_plans_and_404_for_others() -> None:
    client, unit = signed_in()
    own = PlanFactory(unit=unit, title="Kế hoạch của xã mình")
    TaskFactory(plan=own, title="Duy trì chuyên mục CCHC")
    foreign = PlanFactory(unit=UnitFactory(parent=unit.parent), title="Kế hoạch xã bên cạnh")
    listing = client.get(reverse("plans:list")).content.decode()
    assert "Kế hoạch của xã mình" in listing
    assert "Kế hoạch xã bên cạnh" not in listing
    detail = client.get(reverse("plans:detail", args=[own.pk]))
    assert detail.status_code == 200
    assert "Duy trì chuyên mục CCHC" in detail.content.decode()
    assert client.get(reverse("plans:detail", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("web:unit-detail", args=[foreign.unit.pk])).status_code == 404


def test_plan_list_has_constant_query_count(django_assert_max_num_queries: object) -> None:
    client, unit = signed_in()
    for _ in range(15):
        TaskFactory(plan=PlanFactory(unit=unit))
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(reverse("plans:list")).status_code == 200


def test_upload_review_and_save_through_the_pages(django_capture_on_commit_callbacks: Any) -> None:
    client, unit = signed_in()
    seed = next(SEEDS_DIR.glob("000_*.txt"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plans:import"),
            {"unit": unit.pk, "document": SimpleUploadedFile(seed.name, seed.read_bytes())},
        )
    plan_import = PlanImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:import-review", args=[plan_import.pk])
    review = client.get(response["Location"])
    page = review.content.decode()
    assert review.status_code == 200
    assert "Văn bản gốc" in page
    assert "Lưu thành kế hoạch dự thảo" in page
    form = review.context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(
        {
            "title": "Kế hoạch thông tin, tuyên truyền CCHC năm 2024 (đã sửa)",
            "year": 2024,
            "reporting_periods": ["semiannual", "annual"],
            "channels": ["radio", "training"],
            "audiences": "Cán bộ, công chức\nNhân dân trên địa bàn",
            "tasks-TOTAL_FORMS": 1,
            "tasks-INITIAL_FORMS": 0,
            "tasks-0-title": "Duy trì chuyên mục CCHC trên Đài Truyền thanh",
            "tasks-0-timing_text": "Hàng tháng",
            "tasks-0-lead": "Đài Truyền thanh",
        }
    )
    data = {k: v for k, v in data.items() if v is not None}
    saved = client.post(reverse("plans:import-review", args=[plan_import.pk]), data)
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    plan = Plan.objects.get()
    assert plan.title.endswith("(đã sửa)")
    assert plan.audiences == ["Cán bộ, công chức", "Nhân dân trên địa bàn"]
    assert plan.tasks.get().recurrence == "monthly"
    plan_import.refresh_from_db()
    assert plan_import.status == ImportStatus.SAVED


def test_another_units_import_is_404_and_upload_into_it_is_refused() -> None:
    owner_client, unit = signed_in()
    seed = next(SEEDS_DIR.glob("000_*.txt"))
    owner_client.post(
        reverse("plans:import"),
        {"unit": unit.pk, "document": SimpleUploadedFile(seed.name, seed.read_bytes())},
    )
    plan_import = PlanImport.objects.get()
    other_client, _ = signed_in(unit=UnitFactory(parent=unit.parent))
    assert other_client.get(reverse("plans:import-review", args=[plan_import.pk])).status_code == 404
    assert other_client.get(reverse("plans:import-progress", args=[plan_import.pk])).status_code == 404
    response = other_client.post(
        reverse("plans:import"),
        {"unit": unit.pk, "document": SimpleUploadedFile(seed.name, seed.read_bytes())},
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert PlanImport.objects.count() == 1


def test_viewer_cannot_upload() -> None:
    client, unit = signed_in(Role.VIEWER)
    seed = next(SEEDS_DIR.glob("000_*.txt"))
    response = client.post(
        reverse("plans:import"), {"unit": unit.pk, "document": SimpleUploadedFile(seed.name, b"x")}
    )
    assert response.status_code == 200
    assert PlanImport.objects.count() == 0


def test_admin_lists_only_the_users_units_and_refuses_foreign_objects() -> None:
    client, unit = signed_in(Role.EDITOR)
    own = PlanFactory(unit=unit, title="Kế hoạch trong phạm vi")
    foreign = PlanFactory(unit=UnitFactory(parent=unit.parent), title="Kế hoạch ngoài phạm vi")
    changelist = client.get(reverse("admin:plans_plan_changelist"))
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert "Kế hoạch trong phạm vi" in page
    assert "Kế hoạch ngoài phạm vi" not in page
    assert client.get(reverse("admin:plans_plan_change", args=[own.pk])).status_code == 200
    # Django's admin answers an object outside the queryset with a redirect to the index.
    assert client.get(reverse("admin:plans_plan_change", args=[foreign.pk])).status_code == 302
    response = client.post(reverse("admin:plans_plan_delete", args=[foreign.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert Plan.objects.filter(pk=foreign.pk).exists()
    # editors manage no accounts or units
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_vietnamese_is_kept_whatever_the_browser_asks_until_the_user_chooses() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in client.get(reverse("web:login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("web:login")).content.decode()
    assert 'lang="en"' in page
    assert "Sign in" in page or "Log in" in page


def test_upload_form_preselects_the_users_own_unit() -> None:
    client, unit = signed_in()
    form = client.get(reverse("plans:import")).context["form"]
    assert form.initial["unit"] == unit.pk

"""An automated WCAG 2.1 A/AA audit (axe-core) of the public pages and two staff pages.

axe-core comes with the `axe-playwright-python` dev dependency (it bundles axe.min.js,
MPL-2.0), injected into Debian's Chromium by Playwright: nothing is fetched at run time.
Only violations axe rates "serious" or "critical" fail a test; the report names each rule,
the elements and axe's explanation. Pages of areas still being built (procedures,
feedback, surveys, questions) are audited once their URL names exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from loa.accounts.choices import Role
from loa.accounts.models import User
from loa.indices.choices import IndexKind
from loa.indices.services import IndexInput, record_index
from loa.plans.choices import PlanStatus
from loa.units.choices import Level, UnitKind
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.plans.factories import PlanFactory
from tests.units.factories import UnitFactory

from .sign_in import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Public pages other areas add; each takes the unit id.
OPTIONAL_PORTAL_PAGES = ["portal:procedures", "portal:feedback-submit", "portal:surveys", "portal:questions"]

_axe = Axe()


def violations(page: Page) -> list[dict[str, Any]]:
    """The serious and critical WCAG 2.0/2.1 A and AA violations of the loaded page."""
    results = _axe.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def report(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def assert_accessible(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, url
    found = violations(page)
    assert not found, f"{url}\n{report(found)}"


def _commune_with_indices() -> Unit:
    province = UnitFactory(level=Level.PROVINCE, kind=UnitKind.PROVINCE, name="Tỉnh Hòa Bình Mới")
    commune = UnitFactory(parent=province, name="Xã Hòa Bình")
    year = timezone.localdate().year
    PlanFactory(
        unit=commune,
        year=year,
        title=f"Kế hoạch tuyên truyền cải cách hành chính năm {year}",
        status=PlanStatus.ISSUED,
        number=1,
        issue_date=timezone.localdate().replace(month=1, day=5),
    )
    actor = UserFactory(is_superuser=True)
    for kind, values in [
        (IndexKind.PAR_INDEX, ("85.5", "88.2", "90.1")),
        (IndexKind.SIPAS, ("82", "85.3", "87.59")),
    ]:
        for offset, value in enumerate(values):
            record_index(
                commune,
                data=IndexInput(
                    year=year - 3 + offset,
                    kind=kind,
                    value=Decimal(value),
                    rank=offset + 2,
                    rank_of=20,
                    source="UBND tỉnh",
                ),
                actor=actor,
            )
    return commune


def _public_urls(unit: Unit) -> list[str]:
    urls = [
        reverse("portal:home"),
        reverse("portal:unit", args=[unit.pk]),
        reverse("portal:indices", args=[unit.pk]),
    ]
    for name in OPTIONAL_PORTAL_PAGES:
        try:
            urls.append(reverse(name, kwargs={"unit_id": unit.pk}))
        except NoReverseMatch:
            continue
    return urls


def test_public_pages_have_no_serious_accessibility_violations(page: Page, live_server: LiveServer) -> None:
    # given
    commune = _commune_with_indices()
    urls = _public_urls(commune)
    # when / then: every page, each reported on its own
    failures = []
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        found = violations(page)
        if found:
            failures.append(f"{url}\n{report(found)}")
    assert not failures, "\n\n".join(failures)
    assert len(urls) >= 3


def test_portal_search_results_have_no_serious_accessibility_violations(
    page: Page, live_server: LiveServer
) -> None:
    _commune_with_indices()
    assert_accessible(page, f"{live_server.url}{reverse('portal:home')}?q=hoa+binh")


def test_sign_in_page_has_no_serious_accessibility_violations(page: Page, live_server: LiveServer) -> None:
    assert_accessible(page, f"{live_server.url}/dang-nhap/")


def test_staff_pages_have_no_serious_accessibility_violations(page: Page, live_server: LiveServer) -> None:
    # given: the commune's admin, signed in
    commune = _commune_with_indices()
    admin: User = MembershipFactory(unit=commune, role=Role.ADMIN).user
    sign_in(page, live_server, admin.username, PASSWORD)
    # when / then
    for url in [
        reverse("web:dashboard", args=[commune.pk]),
        reverse("indices:unit", args=[commune.pk]),
        reverse("indices:create", args=[commune.pk]),
        reverse("indices:import"),
    ]:
        assert_accessible(page, f"{live_server.url}{url}")


def test_the_audit_catches_a_violation(page: Page) -> None:
    # An image without text and an unlabelled field: proof that axe runs and is read.
    page.set_content('<html lang="vi"><body><main><img src="x.png"><input type="text"></main></body></html>')
    assert {v["id"] for v in violations(page)} >= {"image-alt", "label"}

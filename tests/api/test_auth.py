"""API tokens: created and revoked by their user, stored hashed, scoped to the user's units."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from loa.accounts.choices import Role
from loa.accounts.models import ApiToken
from loa.accounts.services import create_api_token, revoke_api_token
from loa.units.choices import Era, Level
from tests.activities import member_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes() -> tuple:
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    return (
        UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province),
        UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province),
    )


def get(path: str, token: str = "") -> object:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().get(path, headers=headers)


def test_a_token_is_stored_hashed_and_reads_only_its_users_units(communes: tuple) -> None:
    own, foreign = communes
    editor = member_of(own, Role.EDITOR)
    token, raw = create_api_token(editor, name="Phần mềm báo cáo tỉnh", scope="read", actor=editor)

    assert raw.startswith(f"loa_{token.prefix}_")
    assert raw.split("_", 2)[2] not in token.key_hash  # only the hash is kept
    assert get(f"/api/v1/units/{own.pk}", raw).status_code == 200
    assert get(f"/api/v1/units/{foreign.pk}", raw).status_code == 404
    ids = {item["id"] for item in get("/api/v1/units/?limit=100", raw).json()["items"]}
    assert own.pk in ids
    assert foreign.pk not in ids
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_no_token_a_wrong_token_or_a_revoked_token_is_401(communes: tuple) -> None:
    own, _foreign = communes
    editor = member_of(own, Role.EDITOR)
    token, raw = create_api_token(editor, name="t", scope="read_write", actor=editor)

    assert get(f"/api/v1/units/{own.pk}").status_code == 401
    assert get(f"/api/v1/units/{own.pk}", raw[:-1] + "x").status_code == 401
    revoke_api_token(token, actor=editor)
    assert get(f"/api/v1/units/{own.pk}", raw).status_code == 401


def test_only_the_user_makes_or_revokes_their_tokens(communes: tuple) -> None:
    own, _foreign = communes
    editor, admin = member_of(own, Role.EDITOR), member_of(own, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        create_api_token(editor, name="t", scope="read", actor=admin)
    token, _raw = create_api_token(editor, name="t", scope="read", actor=editor)
    with pytest.raises(PermissionDenied):
        revoke_api_token(token, actor=admin)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_the_schema_is_published() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Loa API"
    assert "/api/v1/units/" in schema["paths"]


def test_the_docs_page_loads_swagger_from_our_own_static_files() -> None:
    page = Client().get("/api/v1/docs")

    assert page.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in page.content
    assert b"cdn.jsdelivr" not in page.content  # the machines may not reach the internet

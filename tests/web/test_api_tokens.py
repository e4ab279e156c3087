"""The staff page of personal API tokens: create (the plain token shown once), list, revoke."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from loa.accounts.choices import Role
from loa.accounts.models import ApiToken
from loa.accounts.services import create_api_token
from tests.activities import member_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_anonymous_users_are_sent_to_the_login_page() -> None:
    response = Client().get(reverse("accounts:api-tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_a_new_token_is_shown_once_then_works_on_the_api() -> None:
    unit = UnitFactory()
    user = member_of(unit, Role.EDITOR)
    client = signed_in(user)

    response = client.post(
        reverse("accounts:api-tokens"), {"name": "Phần mềm tỉnh", "scope": "read"}, follow=True
    )

    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.name == "Phần mềm tỉnh"
    assert token.scope == "read"
    raw = response.context["raw"]
    assert raw.startswith(f"loa_{token.prefix}_")
    page = response.content.decode()
    assert raw in page
    assert "không hiển thị lại" in page
    again = client.get(reverse("accounts:api-token-created"), follow=True)
    assert raw not in again.content.decode()
    assert raw not in client.get(reverse("accounts:api-tokens")).content.decode()
    api = Client().get(f"/api/v1/units/{unit.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200


def test_the_list_shows_only_the_users_own_tokens() -> None:
    unit = UnitFactory()
    user, other = member_of(unit), member_of(unit)
    create_api_token(user, name="Của tôi", scope="read", actor=user)
    create_api_token(other, name="Của người khác", scope="read", actor=other)

    page = signed_in(user).get(reverse("accounts:api-tokens")).content.decode()

    assert "Của tôi" in page
    assert "Của người khác" not in page


def test_a_user_revokes_their_token_but_not_anothers() -> None:
    unit = UnitFactory()
    user, other = member_of(unit), member_of(unit)
    mine, raw = create_api_token(user, name="a", scope="read_write", actor=user)
    theirs, _raw = create_api_token(other, name="b", scope="read", actor=other)
    client = signed_in(user)

    assert client.get(reverse("accounts:api-token-revoke", args=[mine.pk])).status_code == 405
    assert client.post(reverse("accounts:api-token-revoke", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("accounts:api-token-revoke", args=[mine.pk]), follow=True)

    assert response.status_code == 200
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.revoked_at is not None
    assert theirs.revoked_at is None
    assert "Đã thu hồi" in response.content.decode()
    api = Client().get(f"/api/v1/units/{unit.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 401


def test_a_blank_name_or_a_bad_scope_shows_the_form_again() -> None:
    user = member_of(UnitFactory())

    response = signed_in(user).post(reverse("accounts:api-tokens"), {"name": "", "scope": "admin"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name", "scope"}
    assert not ApiToken.objects.exists()

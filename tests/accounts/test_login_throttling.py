"""Sign-in throttling (django-axes): five wrong passwords lock a username at one address.

Real views through Django's test client, real database rows: the staff sign-in at
/dang-nhap/ and the admin's at /admin/login/.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loa.accounts.models import User
from loa.accounts.services import create_api_token
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's password
WRONG = "sai-mat-khau-roi"
LIMIT = 5
HOME = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


def sign_in(client: Client, username: str, password: str, *, path: str = "", **extra: Any) -> HttpResponse:
    response: HttpResponse = client.post(
        path or reverse("web:login"), {"username": username, "password": password}, **extra
    )
    return response


def lock_out(user: User, *, path: str = "", **extra: Any) -> None:
    """Five wrong passwords from one client: the first four are ordinary failures."""
    client = Client(**extra)
    for _ in range(LIMIT - 1):
        assert sign_in(client, user.username, WRONG, path=path).status_code == 200
    assert sign_in(client, user.username, WRONG, path=path).status_code == 429


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_then_even_the_right_one_is_refused_in_vietnamese() -> None:
    # given
    user = UserFactory()
    lock_out(user, REMOTE_ADDR=HOME)
    client = Client(REMOTE_ADDR=HOME)
    before = timezone.localtime()
    # when
    response = sign_in(client, user.username, PASSWORD)
    # then
    after = timezone.localtime()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Tạm khóa đăng nhập" in html
    assert "Vui lòng thử lại sau 15 phút" in html
    retry_times = {f"{moment + dt.timedelta(minutes=15):%H:%M}" for moment in (before, after)}
    assert any(f"từ {hhmm} trở đi" in html for hhmm in retry_times)
    assert "Traceback" not in html
    assert "try again" not in html
    assert not is_signed_in(client)


def test_the_lock_page_is_in_english_for_who_chose_english() -> None:
    # given
    user = UserFactory()
    lock_out(user, REMOTE_ADDR=HOME)
    client = Client(REMOTE_ADDR=HOME)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when
    response = sign_in(client, user.username, PASSWORD)
    # then
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sign-in temporarily locked" in html
    assert "Please try again in 15 minutes" in html


def test_another_user_at_the_same_address_and_the_same_user_elsewhere_still_sign_in() -> None:
    # given
    locked, colleague = UserFactory(), UserFactory()
    lock_out(locked, REMOTE_ADDR=HOME)
    # when
    colleague_response = sign_in(client := Client(REMOTE_ADDR=HOME), colleague.username, PASSWORD)
    elsewhere_response = sign_in(elsewhere := Client(REMOTE_ADDR=ELSEWHERE), locked.username, PASSWORD)
    # then
    assert colleague_response.status_code == 302
    assert is_signed_in(client)
    assert elsewhere_response.status_code == 302
    assert is_signed_in(elsewhere)
    assert sign_in(Client(REMOTE_ADDR=HOME), locked.username, PASSWORD).status_code == 429


def test_the_right_password_works_again_once_the_cool_off_has_passed() -> None:
    # given
    user = UserFactory()
    lock_out(user, REMOTE_ADDR=HOME)
    # when: sixteen minutes later
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - dt.timedelta(minutes=16)
        )
    response = sign_in(client := Client(REMOTE_ADDR=HOME), user.username, PASSWORD)
    # then
    assert response.status_code == 302
    assert is_signed_in(client)
    assert not AccessAttempt.objects.exists()


def test_an_administrator_unlocks_a_user_from_the_command_line() -> None:
    # given
    user = UserFactory()
    lock_out(user, REMOTE_ADDR=HOME)
    # when
    call_command("axes_reset_username", user.username, stdout=io.StringIO())
    # then
    assert sign_in(Client(REMOTE_ADDR=HOME), user.username, PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count_of_failures() -> None:
    # given: four failures, then the right password
    user = UserFactory()
    client = Client(REMOTE_ADDR=HOME)
    for _ in range(LIMIT - 1):
        sign_in(client, user.username, WRONG)
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    # when: four more failures in a fresh session
    again = Client(REMOTE_ADDR=HOME)
    responses = [sign_in(again, user.username, WRONG).status_code for _ in range(LIMIT - 1)]
    # then: still four short of a lock, and the fifth locks
    assert responses == [200] * (LIMIT - 1)
    assert sign_in(again, user.username, WRONG).status_code == 429


def test_the_admin_sign_in_is_throttled_too() -> None:
    # given
    user = UserFactory(is_staff=True)
    admin_login = reverse("admin:login")
    lock_out(user, path=admin_login, REMOTE_ADDR=HOME)
    # when
    response = sign_in(Client(REMOTE_ADDR=HOME), user.username, PASSWORD, path=admin_login)
    # then
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert sign_in(Client(REMOTE_ADDR=HOME), user.username, PASSWORD).status_code == 429


def test_an_api_token_keeps_working_while_its_user_is_locked_out() -> None:
    # given
    user = UserFactory()
    _token, raw = create_api_token(user, name="Phần mềm báo cáo", scope="read", actor=user)
    lock_out(user, REMOTE_ADDR=HOME)
    # when
    response = Client(REMOTE_ADDR=HOME).get("/api/v1/units/", headers={"Authorization": f"Bearer {raw}"})
    # then
    assert response.status_code == 200


def test_a_forged_forwarded_header_does_not_escape_the_lock_without_a_proxy() -> None:
    # given: no proxy in front, so X-Forwarded-For is the client's own word
    user = UserFactory()
    lock_out(user, REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="192.0.2.1")
    # when
    response = sign_in(Client(REMOTE_ADDR=HOME, HTTP_X_FORWARDED_FOR="192.0.2.99"), user.username, PASSWORD)
    # then
    assert response.status_code == 429


def test_behind_the_proxy_the_lock_holds_per_forwarded_address(settings: Any) -> None:
    # given: nginx in front, appending the address it saw to X-Forwarded-For
    settings.LOA_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    lock_out(user, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME)
    # when
    spoofed = sign_in(
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.99, {HOME}"), user.username, PASSWORD
    )
    other = sign_in(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE), user.username, PASSWORD)
    # then
    assert spoofed.status_code == 429
    assert other.status_code == 302


def test_the_test_clients_login_works_when_given_a_request() -> None:
    # given
    user = UserFactory()
    client = Client()
    # when
    signed_in = client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    # then
    assert signed_in is True
    assert client.get(reverse("web:home")).status_code == 200

"""The client's address behind nginx: X-Forwarded-For only as far as our proxies wrote it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from loa.feedback.choices import Topic
from loa.feedback.models import Feedback
from loa.web.client import client_address
from tests.accounts.conftest import Tree, tree  # noqa: F401  (the fixture, reused as is)

NGINX = "127.0.0.1"
CITIZEN = "203.0.113.7"
NEIGHBOUR = "198.51.100.4"


def address(settings: Any, *, proxies: int, remote: str | None = NGINX, forwarded: str | None = None) -> str:
    settings.LOA_TRUSTED_PROXY_COUNT = proxies
    meta: dict[str, str] = {}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    if remote is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote
    return client_address(request)


def test_without_a_proxy_a_client_sent_forwarded_header_is_ignored(settings: Any) -> None:
    assert address(settings, proxies=0, remote=CITIZEN, forwarded="192.0.2.1") == CITIZEN


def test_behind_one_proxy_the_right_most_forwarded_address_is_the_client(settings: Any) -> None:
    assert address(settings, proxies=1, forwarded=CITIZEN) == CITIZEN
    # nginx appends what it saw to whatever the client sent: the left entries are forged
    assert address(settings, proxies=1, forwarded=f"192.0.2.1, 10.0.0.1,{CITIZEN}") == CITIZEN


def test_behind_two_proxies_the_second_from_the_right_is_the_client(settings: Any) -> None:
    assert address(settings, proxies=2, forwarded=f"192.0.2.1, {CITIZEN}, 10.0.0.2") == CITIZEN


def test_ipv6_addresses_are_kept_and_normalised(settings: Any) -> None:
    assert address(settings, proxies=1, forwarded="2001:DB8:0:0::1") == "2001:db8::1"
    assert address(settings, proxies=0, remote="2001:db8::7") == "2001:db8::7"


@pytest.mark.parametrize(
    "forwarded",
    [None, "", "   ", "not-an-address", f"{CITIZEN}:8080", "999.1.1.1", f"{CITIZEN},", "<script>"],
)
def test_a_missing_or_malformed_forwarded_header_falls_back_to_the_peer(
    settings: Any, forwarded: str | None
) -> None:
    assert address(settings, proxies=1, forwarded=forwarded) == NGINX


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(settings: Any) -> None:
    assert address(settings, proxies=2, forwarded=CITIZEN) == NGINX


def test_no_usable_peer_address_gives_an_empty_string(settings: Any) -> None:
    assert address(settings, proxies=0, remote=None) == ""
    assert address(settings, proxies=0, remote="unix:/run/loa.sock") == ""


# --- the feedback rate limit, behind nginx ------------------------------------------


@pytest.fixture
def behind_nginx(settings: Any) -> Iterator[None]:
    """One proxy in front; two submissions per window so the limit shows quickly."""
    settings.LOA_TRUSTED_PROXY_COUNT = 1
    settings.LOA_FEEDBACK_RATE_LIMIT = 2
    cache.clear()
    yield
    cache.clear()


def send_feedback(tree: Tree, forwarded: str) -> str:  # noqa: F811
    response = Client(REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forwarded).post(
        reverse("portal:feedback-submit", args=[tree.commune.pk]),
        {
            "topic": Topic.PROCEDURE,
            "name": "Nguyễn Văn Dân",
            "phone": "0912 345 678",
            "email": "",
            "content": "Đường làng bị ngập sau mưa, đề nghị xã khơi thông cống.",
            "website": "",
        },
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_the_feedback_limit_counts_each_forwarded_address_on_its_own(tree: Tree) -> None:  # noqa: F811
    # given: one citizen uses up the window
    for _ in range(2):
        assert "Bạn đã gửi quá nhiều lần" not in send_feedback(tree, CITIZEN)
    # when
    refused = send_feedback(tree, f"192.0.2.1, {CITIZEN}")  # a forged entry in front changes nothing
    neighbour = send_feedback(tree, NEIGHBOUR)
    # then: the same address is refused, another one (same nginx peer) is not
    assert "Bạn đã gửi quá nhiều lần" in refused
    assert "Bạn đã gửi quá nhiều lần" not in neighbour
    assert Feedback.objects.count() == 3

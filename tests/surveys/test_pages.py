"""Survey pages: staff wiring and permissions (404 for foreign staff), public pages without sign-in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loa.accounts.choices import Role
from loa.surveys.models import Response, Survey, SurveyToken
from loa.surveys.services import create_survey_from_template
from tests.accounts.conftest import Tree
from tests.web.conftest import client_for

from . import answer_all, editor_of, open_survey_of

pytestmark = pytest.mark.django_db


def _form_data(survey: Survey, score: int) -> dict[str, str]:
    return {f"q{pk}": str(score) for pk in survey.questions.values_list("pk", flat=True)}


def test_editor_creates_opens_and_generates_tokens(tree: Tree) -> None:
    client = client_for(editor_of(tree.commune))
    today = timezone.localdate()
    response = client.post(
        reverse("surveys:create", args=[tree.commune.pk]),
        {"title": "Khảo sát quý II", "opens_on": today.isoformat(), "closes_on": today.isoformat()},
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:edit", args=[survey.pk])
    assert client.post(reverse("surveys:open", args=[survey.pk])).status_code == 302
    assert client.post(reverse("surveys:tokens", args=[survey.pk]), {"count": 3}).status_code == 302
    page = client.get(reverse("surveys:tokens", args=[survey.pk]))
    assert page.status_code == 200
    assert SurveyToken.objects.filter(survey=survey).count() == 3
    assert f"?ma={SurveyToken.objects.first().code}" in page.content.decode()  # type: ignore[union-attr]
    for name in ("detail", "edit", "results"):
        assert client.get(reverse(f"surveys:{name}", args=[survey.pk])).status_code == 200
    assert client.get(reverse("surveys:unit", args=[tree.commune.pk])).status_code == 200


def test_viewer_cannot_create(tree: Tree) -> None:
    client = client_for(editor_of(tree.commune, Role.VIEWER))
    today = timezone.localdate().isoformat()
    page = client.get(reverse("surveys:unit", args=[tree.commune.pk]))
    assert "Tạo phiếu theo mẫu SIPAS" not in page.content.decode()
    response = client.post(
        reverse("surveys:create", args=[tree.commune.pk]),
        {"title": "K", "opens_on": today, "closes_on": today},
    )
    assert response.status_code == 403
    assert not Survey.objects.exists()


def test_foreign_staff_get_404(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    client = client_for(editor_of(tree.sibling))
    for name in ("detail", "edit", "tokens", "results", "open", "close"):
        method = client.post if name in ("open", "close") else client.get
        assert method(reverse(f"surveys:{name}", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:rollup", args=[tree.commune.pk])).status_code == 404
    assert Survey.objects.get().status == "open"


def test_province_rollup_lists_each_commune(tree: Tree) -> None:
    answer_all(open_survey_of(tree.commune), 5, device="a")
    answer_all(open_survey_of(tree.sibling), 1, device="b")
    client = client_for(editor_of(tree.province, Role.VIEWER))
    page = client.get(reverse("surveys:rollup", args=[tree.province.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phường Trung Tâm" in html
    assert "Xã Bên Cạnh" in html
    assert "50,00 %" in html or "50.00 %" in html
    assert "<svg" in html


def test_public_pages_need_no_sign_in_and_hide_drafts(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    today = timezone.localdate()
    draft = create_survey_from_template(
        tree.commune, title="Bản nháp", opens_on=today, closes_on=today, actor=editor_of(tree.commune)
    )
    client = Client()
    listing = client.get(reverse("portal:surveys", args=[tree.commune.pk]))
    assert listing.status_code == 200
    assert survey.title in listing.content.decode()
    assert "Bản nháp" not in listing.content.decode()
    form = client.get(reverse("portal:survey", args=[tree.commune.pk, survey.pk]))
    assert form.status_code == 200
    assert form.content.decode().count("<fieldset") == 11  # ten questions and the respondent group
    assert client.get(reverse("portal:survey", args=[tree.commune.pk, draft.pk])).status_code == 404
    assert client.get(reverse("portal:survey", args=[tree.sibling.pk, survey.pk])).status_code == 404
    results = client.get(reverse("portal:survey-results", args=[tree.commune.pk, survey.pk]))
    assert results.status_code == 200
    assert "Chưa có ý kiến nào." in results.content.decode()


def test_public_form_takes_one_answer_per_device_cookie(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    client = Client()
    url = reverse("portal:survey", args=[tree.commune.pk, survey.pk])
    client.get(url)  # sets the device cookie
    first = client.post(url, _form_data(survey, 5) | {"doi_tuong": "doanh_nghiep"})
    assert first.status_code == 302
    assert Response.objects.get().respondent_group == "doanh_nghiep"
    second = client.post(url, _form_data(survey, 1))
    assert second.status_code == 400
    assert "Mỗi người chỉ gửi một lần" in second.content.decode()
    assert Response.objects.count() == 1
    assert "Mỗi người chỉ gửi một lần" in client.get(url).content.decode()
    results = client.get(reverse("portal:survey-results", args=[tree.commune.pk, survey.pk]))
    assert "100,00 %" in results.content.decode() or "100.00 %" in results.content.decode()


def test_public_form_with_a_token(tree: Tree) -> None:
    from loa.surveys.services import generate_tokens

    actor = editor_of(tree.commune)
    survey = open_survey_of(tree.commune, actor)
    (token,) = generate_tokens(survey, count=1, actor=actor)
    client = Client()
    url = reverse("portal:survey", args=[tree.commune.pk, survey.pk])
    assert f'value="{token.code}"' in client.get(f"{url}?ma={token.code}").content.decode()
    assert client.post(url, _form_data(survey, 4) | {"ma": token.code}).status_code == 302
    again = client.post(url, _form_data(survey, 4) | {"ma": token.code})
    assert again.status_code == 400
    assert "Mỗi mã chỉ dùng được một lần" in again.content.decode()
    assert Response.objects.count() == 1


def test_closed_survey_form_refuses(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    client = Client()
    url = reverse("portal:survey", args=[tree.commune.pk, survey.pk])
    assert "không nhận ý kiến" in client.get(url).content.decode()
    response = client.post(url, _form_data(survey, 5))
    assert response.status_code == 400
    assert not Response.objects.exists()

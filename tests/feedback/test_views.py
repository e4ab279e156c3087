"""Public and staff feedback pages: wiring, anti-abuse, privacy of contact details, scoping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loa.accounts.choices import Role
from loa.audit.models import ChangeLogEntry, Verb
from loa.feedback.choices import Kind, Status, Topic
from loa.feedback.models import Feedback, FeedbackAttachment
from loa.feedback.services import answer_feedback, publish_answer, select_question
from tests.accounts.conftest import Tree
from tests.activities import freeze_today, member_of
from tests.evidence import png_bytes

from .conftest import EMAIL, NAME, PHONE, stored_files, submitted

pytestmark = pytest.mark.django_db


def _form(**extra: object) -> dict[str, object]:
    return {
        "topic": Topic.PROCEDURE,
        "name": NAME,
        "phone": PHONE,
        "email": EMAIL,
        "content": "Cán bộ một cửa hẹn trả kết quả nhiều lần.",
        "website": "",
        **extra,
    }


def _assert_no_contact(html: str) -> None:
    for secret in (PHONE, EMAIL, NAME, "0912345678"):
        assert secret not in html


def test_citizen_submits_with_a_file_and_the_tracking_page_shows_the_status(
    tree: Tree, media_root: Path, client: Client
) -> None:
    # when
    photo = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("portal:feedback-submit", args=[tree.commune.pk]), _form(attachments=[photo])
    )
    # then
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.code in response.content.decode()
    assert feedback.attachments.count() == 1
    assert len(stored_files(media_root)) == 1
    track = client.get(reverse("portal:feedback-track", args=[feedback.code]))
    html = track.content.decode()
    assert "Đã tiếp nhận" in html
    _assert_no_contact(html)


def test_lookup_opens_the_tracking_page_by_code(tree: Tree, client: Client) -> None:
    feedback = submitted(tree.commune)
    response = client.get(reverse("portal:feedback-lookup"), {"ma": feedback.code.lower()})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("portal:feedback-track", args=["KHONGCOMA2"])).status_code == 404


def test_a_filled_honeypot_gets_the_normal_page_and_nothing_is_stored(
    tree: Tree, media_root: Path, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.post(
        reverse("portal:feedback-submit", args=[tree.commune.pk]), _form(website="http://spam.example")
    )
    assert response.status_code == 200
    assert "Đã tiếp nhận phản ánh" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert "honeypot" in caplog.text


def test_the_sixth_post_in_an_hour_is_refused_in_vietnamese(tree: Tree, client: Client) -> None:
    url = reverse("portal:feedback-submit", args=[tree.commune.pk])
    for _ in range(5):
        assert client.post(url, _form()).status_code == 200
    response = client.post(url, _form())
    assert "Bạn đã gửi quá nhiều lần" in response.content.decode()
    assert Feedback.objects.count() == 5


def test_a_bad_file_type_is_refused_and_nothing_is_stored(
    tree: Tree, media_root: Path, client: Client
) -> None:
    script = SimpleUploadedFile("anh.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        reverse("portal:feedback-submit", args=[tree.commune.pk]), _form(attachments=[script])
    )
    assert "không thuộc loại được nhận" in response.content.decode()
    assert (Feedback.objects.count(), FeedbackAttachment.objects.count(), stored_files(media_root)) == (
        0,
        0,
        [],
    )


def test_published_list_shows_answers_without_contact_details(tree: Tree, client: Client) -> None:
    # given
    editor = member_of(tree.commune, Role.EDITOR)
    shown = submitted(tree.commune, content=f"Tôi là {NAME}, gọi {PHONE}: hồ sơ bị chậm.")
    answer_feedback(shown, answer="Đã xử lý xong hồ sơ.", actor=editor)
    publish_answer(shown, summary="Hồ sơ bị chậm.", actor=editor)
    hidden = submitted(tree.commune, content="Chưa được công khai.")
    answer_feedback(hidden, answer="Bản nháp trả lời.", actor=editor)
    # when
    html = client.get(reverse("portal:feedback-published", args=[tree.commune.pk])).content.decode()
    track = client.get(reverse("portal:feedback-track", args=[shown.code])).content.decode()
    # then
    assert "Đã xử lý xong hồ sơ." in html
    assert "Hồ sơ bị chậm." in html
    assert "Bản nháp trả lời." not in html
    _assert_no_contact(html)
    assert "Đã xử lý xong hồ sơ." in track
    _assert_no_contact(track)
    assert (
        "Bản nháp trả lời."
        not in client.get(reverse("portal:feedback-track", args=[hidden.code])).content.decode()
    )


def test_rating_from_the_tracking_page_counts_once(tree: Tree, client: Client) -> None:
    editor = member_of(tree.commune, Role.EDITOR)
    feedback = submitted(tree.commune)
    answer_feedback(feedback, answer="Đã xử lý.", actor=editor)
    publish_answer(feedback, actor=editor)
    url = reverse("portal:feedback-rate", args=[feedback.code])
    client.post(url, {"rating": "5"})
    response = client.post(url, {"rating": "1"}, follow=True)
    assert "Bạn đã đánh giá trả lời này." in response.content.decode()
    assert Feedback.objects.get().rating == 5


def test_questions_page_lists_published_qa_by_month_and_takes_a_question(tree: Tree, client: Client) -> None:
    # given
    editor = member_of(tree.commune, Role.EDITOR)
    question = submitted(tree.commune, kind=Kind.QUESTION, content="Bao giờ mở rộng đường vào chợ?")
    select_question(question, month=dt.date(2025, 5, 3), actor=editor)
    answer_feedback(question, answer="Trong quý IV.", answerer_title="Chủ tịch UBND phường", actor=editor)
    publish_answer(question, actor=editor)
    url = reverse("portal:questions", args=[tree.commune.pk])
    # when
    html = client.get(url).content.decode()
    # then
    assert "Kỳ tháng 05/2025" in html
    assert "Trong quý IV." in html
    assert "Chủ tịch UBND phường" in html
    _assert_no_contact(html)
    # when: a new question
    response = client.post(url, _form(content="Phường có làm thủ tục vào thứ Bảy không?"))
    assert response.status_code == 200
    assert Feedback.objects.filter(kind=Kind.QUESTION).count() == 2


def test_unit_page_navigation_links_the_feedback_pages(tree: Tree, client: Client) -> None:
    html = client.get(reverse("portal:unit", args=[tree.commune.pk])).content.decode()
    assert reverse("portal:feedback-submit", args=[tree.commune.pk]) in html
    assert reverse("portal:questions", args=[tree.commune.pk]) in html


def test_staff_list_flags_overdue_and_hides_other_units(
    tree: Tree, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    own = submitted(tree.commune)
    other = submitted(tree.sibling)
    editor = member_of(tree.commune, Role.EDITOR)
    client.force_login(editor)
    freeze_today(monkeypatch, own.due_date + dt.timedelta(days=1))
    # when
    html = client.get(reverse("feedback:list")).content.decode()
    # then
    assert own.code in html
    assert "data-overdue" in html
    assert other.code not in html
    assert client.get(reverse("feedback:detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("feedback:answer", args=[other.pk]), {"answer": "x"}).status_code == 404
    assert client.get(reverse("feedback:detail", args=[own.pk])).status_code == 200


def test_staff_assign_answer_and_publish_through_the_pages(tree: Tree, client: Client) -> None:
    # given
    feedback = submitted(tree.commune)
    editor = member_of(tree.commune, Role.EDITOR)
    reporter = member_of(tree.commune, Role.REPORTER)
    client.force_login(editor)
    # when
    client.post(reverse("feedback:assign", args=[feedback.pk]), {"assignee": reporter.pk})
    client.post(
        reverse("feedback:answer", args=[feedback.pk]), {"answer": "Đã trả kết quả.", "answerer_title": ""}
    )
    client.post(reverse("feedback:publish", args=[feedback.pk]), {"summary": "Hồ sơ bị chậm."})
    # then
    feedback.refresh_from_db()
    assert (feedback.status, feedback.assignee_id, feedback.public_summary) == (
        Status.PUBLISHED,
        reporter.pk,
        "Hồ sơ bị chậm.",
    )
    assert ChangeLogEntry.objects.filter(target_id=feedback.pk, target_type="feedback.feedback").count() == 3


def test_viewer_reads_but_cannot_answer(tree: Tree, client: Client) -> None:
    feedback = submitted(tree.commune)
    client.force_login(member_of(tree.province, Role.VIEWER))
    assert client.get(reverse("feedback:detail", args=[feedback.pk])).status_code == 200
    response = client.post(reverse("feedback:answer", args=[feedback.pk]), {"answer": "Trả lời."})
    assert response.status_code == 403
    assert Feedback.objects.get().status == Status.RECEIVED
    assert not ChangeLogEntry.objects.filter(verb=Verb.FEEDBACK_ANSWERED).exists()


def test_staff_download_attachments_of_their_units_only(tree: Tree, media_root: Path, client: Client) -> None:
    photo = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    feedback = submitted(tree.commune, files=[photo])
    attachment = feedback.attachments.get()
    url = reverse("feedback:attachment", args=[feedback.pk, attachment.pk])
    client.force_login(member_of(tree.sibling, Role.EDITOR))
    assert client.get(url).status_code == 404
    client.force_login(member_of(tree.commune, Role.REPORTER))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"

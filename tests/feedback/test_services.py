"""Feedback services: submission with files, deadlines, staff actions, rating, Q&A sessions."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from loa.accounts.choices import Role
from loa.audit.models import ChangeLogEntry, Verb
from loa.feedback.choices import Kind, Status, Topic
from loa.feedback.errors import AttachmentRefused, FeedbackRefused, TooManySubmissions
from loa.feedback.models import Feedback, FeedbackAttachment, ResponseDeadline
from loa.feedback.services import (
    CODE_ALPHABET,
    CODE_LENGTH,
    add_days,
    answer_feedback,
    assign_feedback,
    publish_answer,
    rate_answer,
    select_question,
    submit_feedback,
)
from tests.accounts.conftest import Tree
from tests.activities import freeze_today, member_of

from .conftest import citizen_input, pdf, png, stored_files, submitted

pytestmark = pytest.mark.django_db


def test_submission_is_stored_with_its_files_a_code_and_a_due_date(tree: Tree, media_root: Path) -> None:
    # when
    feedback = submitted(tree.commune, files=[png(), pdf()])
    # then
    feedback.refresh_from_db()
    assert feedback.status == Status.RECEIVED
    assert len(feedback.code) == CODE_LENGTH
    assert set(feedback.code) <= set(CODE_ALPHABET)
    assert [(a.original_name, a.content_type) for a in feedback.attachments.all()] == [
        ("anh.png", "image/png"),
        ("don.pdf", "application/pdf"),
    ]
    assert len(stored_files(media_root)) == 2
    assert feedback.due_date > feedback.submitted_at.date()


def test_codes_differ_between_submissions(tree: Tree) -> None:
    codes = {submitted(tree.commune).code for _ in range(4)}
    assert len(codes) == 4


def test_a_file_of_another_type_refuses_the_submission_and_keeps_nothing(
    tree: Tree, media_root: Path
) -> None:
    # given: a valid photo before a disguised HTML page
    page = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    # when
    with pytest.raises(AttachmentRefused, match="không thuộc loại được nhận"):
        submitted(tree.commune, files=[png(), page])
    # then
    assert Feedback.objects.count() == 0
    assert FeedbackAttachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_too_big_and_too_many_files_are_refused(tree: Tree, media_root: Path, settings: object) -> None:
    settings.LOA_MAX_UPLOAD_BYTES = 50  # type: ignore[attr-defined]
    with pytest.raises(AttachmentRefused, match="lớn hơn giới hạn"):
        submitted(tree.commune, files=[png()])
    with pytest.raises(AttachmentRefused, match="tối đa 5 tệp"):
        submitted(tree.commune, files=[pdf() for _ in range(6)])
    assert Feedback.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_contact_is_required(tree: Tree) -> None:
    with pytest.raises(FeedbackRefused, match="số điện thoại hoặc thư điện tử"):
        submitted(tree.commune, phone="", email="")
    assert Feedback.objects.count() == 0


def test_the_sixth_submission_of_an_hour_from_one_address_is_refused(tree: Tree) -> None:
    for _ in range(5):
        submit_feedback(tree.commune, citizen_input(), client="198.51.100.1")
    with pytest.raises(TooManySubmissions, match="quá nhiều lần"):
        submit_feedback(tree.commune, citizen_input(), client="198.51.100.1")
    # another address is not affected
    submit_feedback(tree.commune, citizen_input(), client="198.51.100.2")
    assert Feedback.objects.count() == 6


def test_due_date_counts_working_days_from_the_topic_rule(tree: Tree) -> None:
    # given: seeded 10 working days; attitude changed to 15 calendar days
    ResponseDeadline.objects.filter(topic=Topic.ATTITUDE).update(days=15, working_days=False)
    friday = dt.date(2025, 3, 7)
    assert add_days(friday, 1, working_days=True) == dt.date(2025, 3, 10)
    assert add_days(friday, 10, working_days=True) == dt.date(2025, 3, 21)
    # then
    assert ResponseDeadline.objects.get(topic=Topic.PROCEDURE).days == 10
    attitude = submitted(tree.commune, topic=Topic.ATTITUDE)
    procedure = submitted(tree.commune, topic=Topic.PROCEDURE)
    sent_on = timezone.localdate(attitude.submitted_at)
    assert attitude.due_date == sent_on + dt.timedelta(days=15)
    assert procedure.due_date == add_days(sent_on, 10, working_days=True)


def test_overdue_only_after_the_due_date_and_while_unanswered(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    feedback = submitted(tree.commune)
    editor = member_of(tree.commune, Role.EDITOR)
    # when / then
    freeze_today(monkeypatch, feedback.due_date)
    assert feedback.is_overdue is False
    freeze_today(monkeypatch, feedback.due_date + dt.timedelta(days=1))
    assert feedback.is_overdue is True
    feedback = answer_feedback(feedback, answer="Đã trả kết quả ngày 10/3.", actor=editor)
    assert feedback.is_overdue is False


def test_staff_assign_answer_and_publish_with_change_log_rows(tree: Tree) -> None:
    # given
    feedback = submitted(tree.commune)
    editor = member_of(tree.commune, Role.EDITOR)
    reporter = member_of(tree.commune, Role.REPORTER)
    # when
    assign_feedback(feedback, assignee=reporter, actor=editor)
    answer_feedback(feedback, answer="Bộ phận một cửa đã trả kết quả.", actor=reporter)
    publish_answer(feedback, summary="Hồ sơ khai sinh chậm trả kết quả.", actor=reporter)
    # then
    feedback.refresh_from_db()
    assert (feedback.status, feedback.assignee, feedback.answered_by) == (
        Status.PUBLISHED,
        reporter,
        reporter,
    )
    assert feedback.shown_content == "Hồ sơ khai sinh chậm trả kết quả."
    verbs = list(
        ChangeLogEntry.objects.filter(target_type="feedback.feedback", target_id=feedback.pk)
        .order_by("pk")
        .values_list("verb", "actor_id")
    )
    assert verbs == [
        (Verb.FEEDBACK_ASSIGNED, editor.pk),
        (Verb.FEEDBACK_ANSWERED, reporter.pk),
        (Verb.FEEDBACK_PUBLISHED, reporter.pk),
    ]


@pytest.mark.parametrize(
    ("holder", "role", "allowed"),
    [
        ("own", Role.REPORTER, True),
        ("own", Role.EDITOR, True),
        ("province", Role.EDITOR, True),
        ("own", Role.VIEWER, False),
        ("sibling", Role.ADMIN, False),
    ],
)
def test_answer_permission(tree: Tree, holder: str, role: Role, allowed: bool) -> None:
    # given
    feedback = submitted(tree.commune)
    unit = {"own": tree.commune, "province": tree.province, "sibling": tree.sibling}[holder]
    actor = member_of(unit, role)
    # when
    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        answer_feedback(feedback, answer="Trả lời.", actor=actor)
    # then: a refusal leaves no trace
    feedback.refresh_from_db()
    assert (feedback.status == Status.ANSWERED) is allowed
    assert (
        ChangeLogEntry.objects.filter(target_id=feedback.pk, verb=Verb.FEEDBACK_ANSWERED).exists() is allowed
    )


def test_cannot_assign_to_someone_of_another_unit(tree: Tree) -> None:
    feedback = submitted(tree.commune)
    editor = member_of(tree.commune, Role.EDITOR)
    with pytest.raises(FeedbackRefused):
        assign_feedback(feedback, assignee=member_of(tree.sibling, Role.EDITOR), actor=editor)
    feedback.refresh_from_db()
    assert (feedback.status, feedback.assignee_id) == (Status.RECEIVED, None)


def test_only_an_answered_feedback_is_published(tree: Tree) -> None:
    feedback = submitted(tree.commune)
    with pytest.raises(FeedbackRefused):
        publish_answer(feedback, actor=member_of(tree.commune, Role.EDITOR))
    assert Feedback.objects.get().status == Status.RECEIVED


def test_the_citizen_rates_a_published_answer_once(tree: Tree) -> None:
    # given
    feedback = submitted(tree.commune)
    editor = member_of(tree.commune, Role.EDITOR)
    with pytest.raises(FeedbackRefused):
        rate_answer(feedback, rating=5)  # not yet published
    answer_feedback(feedback, answer="Đã giải quyết.", actor=editor)
    publish_answer(feedback, actor=editor)
    # when
    rate_answer(feedback, rating=4)
    # then
    with pytest.raises(FeedbackRefused, match="đã đánh giá"):
        rate_answer(feedback, rating=1)
    assert Feedback.objects.get().rating == 4


def test_question_is_selected_for_a_month_then_answered_with_the_title_and_published(tree: Tree) -> None:
    # given
    question = submitted(tree.commune, kind=Kind.QUESTION, content="Khi nào xã có bộ phận một cửa mới?")
    editor = member_of(tree.commune, Role.EDITOR)
    with pytest.raises(FeedbackRefused, match="kỳ hỏi đáp"):
        answer_feedback(question, answer="Quý III.", answerer_title="Chủ tịch UBND xã", actor=editor)
    # when
    select_question(question, month=dt.date(2025, 6, 17), actor=editor)
    with pytest.raises(FeedbackRefused, match="chức vụ"):
        answer_feedback(question, answer="Quý III.", actor=editor)
    answer_feedback(question, answer="Quý III năm nay.", answerer_title="Chủ tịch UBND xã", actor=editor)
    publish_answer(question, actor=editor)
    # then
    question.refresh_from_db()
    assert (question.session_month, question.status, question.answerer_title) == (
        dt.date(2025, 6, 1),
        Status.PUBLISHED,
        "Chủ tịch UBND xã",
    )
    assert list(
        ChangeLogEntry.objects.filter(target_id=question.pk, target_type="feedback.feedback")
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == [Verb.FEEDBACK_ASSIGNED, Verb.QUESTION_ANSWERED, Verb.FEEDBACK_PUBLISHED]


def test_a_feedback_cannot_be_put_into_a_qa_session(tree: Tree) -> None:
    feedback = submitted(tree.commune)
    with pytest.raises(FeedbackRefused):
        select_question(feedback, month=dt.date(2025, 6, 1), actor=member_of(tree.commune, Role.EDITOR))

"""Feedback reminders: each unit's staff get their overdue and nearly due feedback by email."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from loa.accounts.choices import Role
from loa.feedback.reminders import send_feedback_reminders
from tests.accounts.conftest import Tree
from tests.activities import member_of

from .conftest import submitted

pytestmark = pytest.mark.django_db


def test_reminders_mail_the_units_staff_its_overdue_and_near_due_feedback(tree: Tree) -> None:
    # given
    late = submitted(tree.commune)
    soon = submitted(tree.commune)
    far = submitted(tree.commune)
    answered = submitted(tree.commune)
    on = late.due_date + dt.timedelta(days=3)
    type(late).objects.filter(pk=soon.pk).update(due_date=on + dt.timedelta(days=1))
    type(late).objects.filter(pk=far.pk).update(due_date=on + dt.timedelta(days=20))
    type(late).objects.filter(pk=answered.pk).update(status="answered")
    member_of(tree.commune, Role.REPORTER, email="canbo@xa.gov.vn")
    member_of(tree.commune, Role.VIEWER, email="xem@xa.gov.vn")
    member_of(tree.sibling, Role.EDITOR, email="xaben@xa.gov.vn")
    # when
    sent = send_feedback_reminders(on)
    # then
    assert sent == 1
    (message,) = mail.outbox
    assert message.to == ["canbo@xa.gov.vn"]
    assert "2 phản ánh cần trả lời (1 quá hạn)" in message.subject
    assert late.code in message.body
    assert "đã quá hạn" in message.body
    assert soon.code in message.body
    assert far.code not in message.body
    assert answered.code not in message.body


def test_no_mail_when_nothing_is_due(tree: Tree) -> None:
    feedback = submitted(tree.commune)
    member_of(tree.commune, Role.REPORTER, email="canbo@xa.gov.vn")
    assert send_feedback_reminders(feedback.due_date - dt.timedelta(days=5)) == 0
    assert mail.outbox == []

"""Every write to feedback and questions: a citizen's submission and rating, staff's
assignment, answer, publication and the monthly selection of questions.

Staff functions are one transaction each: they check permission first (REPORT
capability on the feedback's unit: the reporters and editors who do the unit's daily
communication work answer citizens; viewers, such as a province's inspectors, only
read) and write the change-log row with the change. A citizen's submission has no
actor and no change-log row: the feedback row itself is the record. Its row and files
are committed before the function returns, so a page that says "received" never
lies; a refused file removes the files stored before it and nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_report, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.units.choices import Era
from loa.units.models import Unit
from loa.uploads import checked_upload, delete_stored, stored_name

from .abuse import count_submission, ensure_within_limit
from .choices import Kind, Status, Topic
from .errors import AttachmentRefused, FeedbackRefused
from .models import DEFAULT_DAYS_TO_ANSWER, Feedback, FeedbackAttachment, ResponseDeadline

MAX_FILES = 5
MAX_CONTENT_CHARS = 5000
# No 0/O, 1/I/L: a code read aloud over the phone or copied by hand stays right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31**10 ≈ 8·10^14 codes: not guessable by trying
_PHONE = re.compile(r"^\+?[0-9 .\-]{8,20}$")
_AUDITED = ["status", "assignee", "answer", "answerer_title", "public_summary", "session_month"]


@dataclass
class FeedbackInput:
    """What a citizen sends from the public form."""

    topic: str
    name: str
    content: str
    phone: str = ""
    email: str = ""
    kind: str = Kind.FEEDBACK
    files: list[UploadedFile] = field(default_factory=list)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def add_days(start: dt.date, days: int, *, working_days: bool) -> dt.date:
    """`days` days after `start`; working days skip Saturdays and Sundays."""
    if not working_days:
        return start + dt.timedelta(days=days)
    day = start
    for _step in range(days):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return day


def due_date_for(topic: str, submitted_on: dt.date) -> dt.date:
    """The answer deadline of feedback on `topic` sent on `submitted_on` (ResponseDeadline rows)."""
    rule = ResponseDeadline.objects.filter(topic=topic).first()
    if rule is None:
        return add_days(submitted_on, DEFAULT_DAYS_TO_ANSWER, working_days=True)
    return add_days(submitted_on, rule.days, working_days=rule.working_days)


def _clean(unit: Unit, data: FeedbackInput) -> dict[str, Any]:
    if unit.era != Era.CURRENT:
        raise FeedbackRefused(_("Đơn vị này không còn tiếp nhận phản ánh."))
    if data.kind not in Kind.values:
        raise FeedbackRefused(_("Loại phản ánh không hợp lệ."))
    if data.topic not in Topic.values:
        raise FeedbackRefused(_("Lĩnh vực không hợp lệ."))
    name = " ".join(data.name.split())
    if not name:
        raise FeedbackRefused(_("Cần nhập họ và tên."))
    content = data.content.strip()
    if not content:
        raise FeedbackRefused(_("Cần nhập nội dung."))
    if len(content) > MAX_CONTENT_CHARS:
        raise FeedbackRefused(_("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_CONTENT_CHARS})
    phone, email = data.phone.strip(), data.email.strip()
    if not phone and not email:
        raise FeedbackRefused(_("Cần nhập số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần."))
    if phone and not _PHONE.match(phone):
        raise FeedbackRefused(_("Số điện thoại không hợp lệ."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise FeedbackRefused(_("Địa chỉ thư điện tử không hợp lệ.")) from None
    if len(data.files) > MAX_FILES:
        raise AttachmentRefused(_("Chỉ được gửi tối đa %(n)s tệp.") % {"n": MAX_FILES})
    return {
        "kind": data.kind,
        "topic": data.topic,
        "name": name[:120],
        "phone": phone,
        "email": email[:254],
        "content": content,
    }


def submit_feedback(unit: Unit, data: FeedbackInput, *, client: str) -> Feedback:
    """Store a citizen's feedback or question with its files and return it with its tracking code.

    `client` identifies the sender for the rate limit (the client address). Raises
    TooManySubmissions, FeedbackRefused or AttachmentRefused and then stores nothing.
    """
    ensure_within_limit(client)
    fields = _clean(unit, data)
    now = timezone.now()
    stored: list[str] = []
    try:
        with transaction.atomic():
            feedback = _create_with_code(
                unit=unit,
                submitted_at=now,
                due_date=due_date_for(data.topic, timezone.localdate(now)),
                **fields,
            )
            for upload in data.files:
                stored.append(_store_attachment(feedback, upload).file.name)
    except BaseException:
        # The rows rolled back; the files written before the refusal go too.
        _delete_files(stored)
        raise
    count_submission(client)
    return feedback


def _create_with_code(**fields: Any) -> Feedback:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Feedback.objects.create(code=new_code(), **fields)
        except IntegrityError:
            continue
    raise FeedbackRefused(_("Không tạo được mã theo dõi, vui lòng gửi lại."))


def _store_attachment(feedback: Feedback, upload: UploadedFile) -> FeedbackAttachment:
    """Check the file's size and content, then store it under a name of Loa's choosing."""
    checked = checked_upload(upload, error=AttachmentRefused)
    attachment = FeedbackAttachment(
        feedback=feedback,
        original_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
    )
    attachment.file.save(stored_name(checked.kind), File(upload), save=False)
    attachment.save()
    return attachment


def _delete_files(names: list[str]) -> None:
    delete_stored(FeedbackAttachment._meta.get_field("file").storage, names)


def _locked(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().select_related("unit").get(pk=feedback.pk)


@transaction.atomic
def assign_feedback(feedback: Feedback, *, assignee: Any, actor: Any) -> Feedback:
    """Give an open feedback or question to a staff member who may answer for its unit."""
    feedback = _locked(feedback)
    ensure(can_report(actor, feedback.unit_id))
    if not feedback.is_open:
        raise FeedbackRefused(_("Phản ánh đã được trả lời, không giao lại được."))
    if assignee is None or not can_report(assignee, feedback.unit_id):
        raise FeedbackRefused(_("Người được giao không có quyền xử lý phản ánh của đơn vị này."))
    before = snapshot(feedback, _AUDITED)
    feedback.assignee = assignee
    feedback.assigned_at = timezone.now()
    feedback.status = Status.ASSIGNED
    feedback.save(update_fields=["assignee", "assigned_at", "status"])
    record_change(
        actor=actor,
        unit=feedback.unit,
        verb=Verb.FEEDBACK_ASSIGNED,
        target=feedback,
        summary=_("Giao %(code)s cho %(who)s") % {"code": feedback.code, "who": assignee},
        before=before,
        after=snapshot(feedback, _AUDITED),
    )
    return feedback


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@transaction.atomic
def select_question(question: Feedback, *, month: dt.date, actor: Any) -> Feedback:
    """Put a citizen's question into the head's answering session of `month` (monthly selection).

    Logged with the assignment verb: choosing the session is assigning the question.
    """
    question = _locked(question)
    ensure(can_report(actor, question.unit_id))
    if question.kind != Kind.QUESTION:
        raise FeedbackRefused(_("Chỉ câu hỏi mới được chọn vào kỳ hỏi đáp."))
    if question.status == Status.PUBLISHED:
        raise FeedbackRefused(_("Câu hỏi đã được công khai trả lời."))
    before = snapshot(question, _AUDITED)
    question.session_month = first_of_month(month)
    question.save(update_fields=["session_month"])
    record_change(
        actor=actor,
        unit=question.unit,
        verb=Verb.FEEDBACK_ASSIGNED,
        target=question,
        summary=_("Chọn câu hỏi %(code)s vào kỳ tháng %(month)s")
        % {"code": question.code, "month": question.session_month.strftime("%m/%Y")},
        before=before,
        after=snapshot(question, _AUDITED),
    )
    return question


@transaction.atomic
def answer_feedback(feedback: Feedback, *, answer: str, answerer_title: str = "", actor: Any) -> Feedback:
    """Record (or correct, until published) the answer.

    A question needs its session month and the answerer's title.
    """
    feedback = _locked(feedback)
    ensure(can_report(actor, feedback.unit_id))
    text, title = answer.strip(), " ".join(answerer_title.split())
    if not text:
        raise FeedbackRefused(_("Cần nhập nội dung trả lời."))
    if feedback.status == Status.PUBLISHED:
        raise FeedbackRefused(_("Trả lời đã được công khai, không sửa được."))
    if feedback.kind == Kind.QUESTION:
        if feedback.session_month is None:
            raise FeedbackRefused(_("Cần chọn câu hỏi vào một kỳ hỏi đáp trước khi trả lời."))
        if not title:
            raise FeedbackRefused(_("Cần ghi chức vụ của thủ trưởng trả lời."))
    before = snapshot(feedback, _AUDITED)
    feedback.answer = text
    feedback.answerer_title = title[:200]
    feedback.answered_by = actor
    feedback.answered_at = timezone.now()
    feedback.status = Status.ANSWERED
    feedback.save(update_fields=["answer", "answerer_title", "answered_by", "answered_at", "status"])
    record_change(
        actor=actor,
        unit=feedback.unit,
        verb=Verb.QUESTION_ANSWERED if feedback.kind == Kind.QUESTION else Verb.FEEDBACK_ANSWERED,
        target=feedback,
        summary=_("Trả lời %(code)s") % {"code": feedback.code},
        before=before,
        after=snapshot(feedback, _AUDITED),
    )
    return feedback


@transaction.atomic
def publish_answer(feedback: Feedback, *, summary: str = "", actor: Any) -> Feedback:
    """Publish an answered feedback or question on the unit's public pages.

    `summary` is the citizen's text as it will be shown (staff remove personal details
    from it); empty shows the text as sent. Contact details are never published.
    """
    feedback = _locked(feedback)
    ensure(can_report(actor, feedback.unit_id))
    if feedback.status != Status.ANSWERED:
        raise FeedbackRefused(_("Chỉ công khai được phản ánh đã có trả lời và chưa công khai."))
    before = snapshot(feedback, _AUDITED)
    feedback.public_summary = summary.strip()
    feedback.published_at = timezone.now()
    feedback.status = Status.PUBLISHED
    feedback.save(update_fields=["public_summary", "published_at", "status"])
    record_change(
        actor=actor,
        unit=feedback.unit,
        verb=Verb.FEEDBACK_PUBLISHED,
        target=feedback,
        summary=_("Công khai trả lời %(code)s") % {"code": feedback.code},
        before=before,
        after=snapshot(feedback, _AUDITED),
    )
    return feedback


@transaction.atomic
def rate_answer(feedback: Feedback, *, rating: int) -> Feedback:
    """The citizen's 1–5 rating of a published answer, once, from the tracking page."""
    feedback = _locked(feedback)
    if feedback.status != Status.PUBLISHED:
        raise FeedbackRefused(_("Chỉ đánh giá được khi đã có trả lời công khai."))
    if feedback.rating is not None:
        raise FeedbackRefused(_("Bạn đã đánh giá trả lời này."))
    if not 1 <= rating <= 5:
        raise FeedbackRefused(_("Mức đánh giá phải từ 1 đến 5."))
    feedback.rating = rating
    feedback.rated_at = timezone.now()
    feedback.save(update_fields=["rating", "rated_at"])
    return feedback

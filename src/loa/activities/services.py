"""Every write to the activity log and its evidence files.

Each public function is one transaction: it checks permission first, writes the
change-log row with the change, and reassesses the occurrences the change touches so
that a task's status is never stale after an activity is added, edited or removed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_log_activity, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.plans.choices import Channel, Measure
from loa.plans.models import Occurrence, Task
from loa.units.models import Unit
from loa.uploads import checked_upload, delete_stored, stored_name

from .errors import AttachmentRefused, InvalidActivity
from .models import Activity, Attachment
from .scheduling import occurrence_for, reassess, today
from .tallies import activity_key, refresh_activity_tallies

MAX_ATTACHMENTS = 10
_FIELDS = [
    "unit",
    "occurrence",
    "channel",
    "happened_on",
    "title",
    "quantity",
    "measure",
    "link",
    "cost",
    "note",
]


@dataclass
class ActivityInput:
    """An activity as the form, the API or a bulk import gives it."""

    happened_on: dt.date
    channel: str
    title: str
    quantity: Decimal | int | str = Decimal(1)
    measure: str = Measure.ITEMS
    task: Task | None = None
    # The period the activity fulfils; None: the task's period holding the date.
    occurrence: Occurrence | None = None
    link: str = ""
    cost: Decimal | int | str = Decimal(0)
    note: str = ""
    files: list[UploadedFile] = field(default_factory=list)


def _decimal(value: Decimal | int | str, label: str, *, digits: int, places: int) -> Decimal:
    """A non-negative number that fits its column: `digits` before the point, `places` after."""
    try:
        number = Decimal(str(value).replace(",", ".")) if value not in ("", None) else Decimal(0)
    except InvalidOperation:
        raise InvalidActivity(_("%(field)s phải là một số.") % {"field": label}) from None
    if not number.is_finite() or number < 0:
        raise InvalidActivity(_("%(field)s không được âm.") % {"field": label})
    if number >= Decimal(10) ** digits:
        raise InvalidActivity(_("%(field)s quá lớn.") % {"field": label})
    number = number.quantize(Decimal(1).scaleb(-places))
    if number >= Decimal(10) ** digits:
        raise InvalidActivity(_("%(field)s quá lớn.") % {"field": label})
    return number


def _validated(unit: Unit, data: ActivityInput) -> dict[str, Any]:
    title = " ".join(data.title.split())
    if not title:
        raise InvalidActivity(_("Cần nhập nội dung hoạt động."))
    if data.channel not in Channel.values:
        raise InvalidActivity(_("Hình thức không hợp lệ: %(value)s.") % {"value": data.channel})
    if data.measure not in Measure.values:
        raise InvalidActivity(_("Đơn vị tính không hợp lệ: %(value)s.") % {"value": data.measure})
    if data.happened_on > today():
        raise InvalidActivity(_("Ngày thực hiện không được sau hôm nay."))
    if data.happened_on.year < 2000:
        raise InvalidActivity(_("Ngày thực hiện không hợp lệ."))
    link = data.link.strip()
    if link and not link.lower().startswith(("http://", "https://")):
        raise InvalidActivity(_("Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    occurrence: Occurrence | None = None
    task = data.occurrence.task if data.occurrence is not None else data.task
    if data.occurrence is not None and data.task is not None and data.occurrence.task_id != data.task.pk:
        raise InvalidActivity(_("Kỳ thực hiện đã chọn không thuộc nhiệm vụ đã chọn."))
    if task is not None:
        if task.plan.unit_id != unit.pk:
            raise InvalidActivity(_("Nhiệm vụ này không thuộc kế hoạch của đơn vị."))
        occurrence = data.occurrence or occurrence_for(task, data.happened_on)
    return {
        "occurrence": occurrence,
        "channel": data.channel,
        "happened_on": data.happened_on,
        "title": title[:300],
        "quantity": _decimal(data.quantity, _("Số lượng"), digits=9, places=1),
        "measure": data.measure,
        "link": link[:500],
        "cost": _decimal(data.cost, _("Chi phí"), digits=14, places=0),
        "note": data.note.strip(),
    }


def _reassess_ids(*occurrence_ids: int | None) -> None:
    ids = {pk for pk in occurrence_ids if pk is not None}
    if ids:
        reassess(Occurrence.objects.filter(pk__in=ids))


@transaction.atomic
def log_activity(unit: Unit, data: ActivityInput, *, actor: Any) -> Activity:
    """Record an activity of `unit`, attach its files and update the occurrence it fulfils."""
    ensure(can_log_activity(actor, unit))
    activity = Activity(unit=unit, created_by=actor, **_validated(unit, data))
    activity.save()
    _store_all(activity, data.files)
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.ACTIVITY_LOGGED,
        target=activity,
        summary=str(activity),
        after=snapshot(activity, _FIELDS),
    )
    _reassess_ids(activity.occurrence_id)
    refresh_activity_tallies([activity_key(activity)])
    return activity


@transaction.atomic
def update_activity(activity: Activity, data: ActivityInput, *, actor: Any) -> Activity:
    activity = Activity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    ensure(can_log_activity(actor, activity.unit_id))
    before = snapshot(activity, _FIELDS)
    old_occurrence, old_key = activity.occurrence_id, activity_key(activity)
    for name, value in _validated(activity.unit, data).items():
        setattr(activity, name, value)
    activity.save()
    _store_all(activity, data.files)
    record_change(
        actor=actor,
        unit=activity.unit,
        verb=Verb.ACTIVITY_UPDATED,
        target=activity,
        summary=str(activity),
        before=before,
        after=snapshot(activity, _FIELDS),
    )
    _reassess_ids(old_occurrence, activity.occurrence_id)
    refresh_activity_tallies([old_key, activity_key(activity)])
    return activity


@transaction.atomic
def delete_activity(activity: Activity, *, actor: Any) -> None:
    activity = Activity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    ensure(can_log_activity(actor, activity.unit_id))
    before = snapshot(activity, _FIELDS)
    occurrence_id = activity.occurrence_id
    files = [a.file.name for a in activity.attachments.all()]
    record_change(
        actor=actor,
        unit=activity.unit,
        verb=Verb.ACTIVITY_DELETED,
        target=activity,
        summary=str(activity),
        before=before,
    )
    key = activity_key(activity)
    activity.delete()
    _reassess_ids(occurrence_id)
    refresh_activity_tallies([key])
    # Files go only once the rows are gone for good.
    transaction.on_commit(lambda: _delete_files(files))


@transaction.atomic
def delete_attachment(attachment: Attachment, *, actor: Any) -> None:
    attachment = Attachment.objects.select_related("activity__unit").get(pk=attachment.pk)
    activity = attachment.activity
    ensure(can_log_activity(actor, activity.unit_id))
    name = attachment.file.name
    record_change(
        actor=actor,
        unit=activity.unit,
        verb=Verb.ACTIVITY_UPDATED,
        target=activity,
        summary=_("Xóa tệp %(name)s") % {"name": attachment.original_name},
    )
    attachment.delete()
    transaction.on_commit(lambda: _delete_files([name]))


def _store_attachment(activity: Activity, upload: UploadedFile) -> Attachment:
    """Check the file's size and content, then store it under a name of Loa's choosing."""
    if activity.attachments.count() >= MAX_ATTACHMENTS:
        raise AttachmentRefused(
            _("Mỗi hoạt động có tối đa %(count)s tệp kiểm chứng.") % {"count": MAX_ATTACHMENTS}
        )
    checked = checked_upload(upload, error=AttachmentRefused)
    attachment = Attachment(
        activity=activity,
        original_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
    )
    attachment.file.save(stored_name(checked.kind), File(upload), save=False)
    attachment.save()
    return attachment


def _store_all(activity: Activity, uploads: list[UploadedFile]) -> None:
    """Store every file or none: a refused file removes those stored before it."""
    stored: list[str] = []
    try:
        for upload in uploads:
            stored.append(_store_attachment(activity, upload).file.name)
    except BaseException:
        _delete_files(stored)
        raise


def _delete_files(names: list[str]) -> None:
    delete_stored(Attachment._meta.get_field("file").storage, names)

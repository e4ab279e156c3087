"""Refusals of the activity log, with messages for the user."""

from loa.errors import DomainError


class InvalidActivity(DomainError):
    code = "invalid_activity"


class AttachmentRefused(DomainError):
    code = "attachment_refused"

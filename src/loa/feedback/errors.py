"""Refusals of feedback and questions, with messages for the citizen or the staff member."""

from loa.errors import DomainError


class FeedbackRefused(DomainError):
    code = "feedback_refused"


class AttachmentRefused(DomainError):
    code = "feedback_attachment_refused"


class TooManySubmissions(DomainError):
    code = "feedback_rate_limited"

"""Refusals of the plans domain, with messages for the user."""

from loa.errors import DomainError


class PlanNumberTaken(DomainError):
    code = "plan_number_taken"


class ImportNotReady(DomainError):
    code = "import_not_ready"


class InvalidPlanData(DomainError):
    code = "invalid_plan"


class UploadRefused(DomainError):
    code = "upload_refused"

"""Refusals of the survey services, with messages a citizen or a staff member can read."""

from loa.errors import DomainError


class SurveyRefused(DomainError):
    """A staff change to a survey that its state does not allow."""

    code = "survey_refused"


class SurveyNotOpen(DomainError):
    code = "survey_not_open"


class AlreadyAnswered(DomainError):
    code = "survey_already_answered"


class TokenRefused(DomainError):
    code = "survey_token_refused"


class IncompleteAnswers(DomainError):
    code = "survey_incomplete"

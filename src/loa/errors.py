"""The base of every domain error: a refusal whose message a user can read.

Messages are Vietnamese (through gettext) and end with a full stop. Views show them
next to the form; the API maps them to 400. Django-free, so the pure core may use it.
"""


class DomainError(Exception):
    """A rule of the domain refused the operation; nothing was changed."""

    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

"""The one domain exception type: an error the user can fix, with a Chinese message saying what and how."""

from __future__ import annotations


class DomainError(Exception):
    """Raised by services when a rule of the bureau's work forbids an action.

    `message` is shown to the user as it is (Chinese: what is wrong, what to do). `field` names the form
    field at fault, when there is one. Views turn it into a form error or an HTTP 4xx with the same text.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self) -> str:
        return self.message


class ChangedMeanwhile(DomainError):
    """Someone else changed the object between the user's read and write (optimistic concurrency)."""

    def __init__(self, message: str = "该记录已被他人修改，请刷新页面后重试。") -> None:
        super().__init__(message, code="conflict")

"""Errors the domain raises; each edge maps them to an HTTP status and the JSON error shape."""


class BookstoreError(Exception):
    """Base of every expected, client-caused failure."""

    code = "invalid_request"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidInput(BookstoreError):
    """The request breaks a validation rule."""

    code = "invalid_request"


class Unauthorized(BookstoreError):
    """Credentials or token are missing, wrong or expired."""

    code = "unauthorized"


class Forbidden(BookstoreError):
    """The caller may not use this resource at all (e.g. an internal API called from outside)."""

    code = "forbidden"


class NotFound(BookstoreError):
    """The thing does not exist, or is not the caller's to see."""

    code = "not_found"


class Conflict(BookstoreError):
    """The request clashes with the current state (email taken, not enough stock)."""

    code = "conflict"


class TooManyRequests(BookstoreError):
    """The caller tried too often (failed log-ins): refused until retry_after_s seconds have passed."""

    code = "too_many_requests"

    def __init__(self, message: str, code: str | None = None, retry_after_s: int = 1):
        super().__init__(message, code)
        self.retry_after_s = max(1, int(retry_after_s))


class Unavailable(BookstoreError):
    """A component this request needs is down; the client may retry later."""

    code = "service_unavailable"


class NotDelivered(Unavailable):
    """The request never reached the component that would carry it out: it certainly did not happen."""


class AnswerLost(Unavailable):
    """The request reached its component but no answer came back: it may or may not have happened."""


class DeadlineExceeded(NotDelivered):
    """The request's time budget ran out before this step was sent or started: it did not happen."""

    code = "deadline_exceeded"

"""Every server takes the request's time budget on arrival, and answers at once if it is already spent."""

from collections.abc import Iterable

from bookstore import deadline
from bookstore.edge.admission import Admission
from bookstore.edge.wsgi_refusal import StartResponse, WsgiApp, refuse
from bookstore.settings import Settings

_HEADER_KEY = "HTTP_" + deadline.HEADER.upper().replace("-", "_")


class DeadlineOnArrival:
    """WSGI middleware: the request runs within min(the caller's budget, `ceiling_ms`); a spent one gets 504."""

    def __init__(self, app: WsgiApp, ceiling_ms: float):
        self.app, self.ceiling_ms = app, ceiling_ms

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        budget_ms = deadline.budget_ms(environ.get(_HEADER_KEY), self.ceiling_ms)
        if budget_ms < deadline.SPENT_BELOW_S * 1000:
            # The caller has given up (or will before an answer could reach it): do none of the work.
            return refuse(start_response, 504, "deadline_exceeded", "the request's time budget was spent on arrival")
        with deadline.within(budget_ms):
            return self.app(environ, start_response)


def guarded(app: WsgiApp, settings: Settings) -> WsgiApp:
    """A server's app behind the guards its settings ask for: the budget on every server, admission at the edge.

    Admission is outermost, so a refusal for overload costs the least.
    """
    app = DeadlineOnArrival(app, settings.request_budget_ms)
    if settings.admits_by_queue:
        app = Admission(
            app,
            working=settings.worker_threads,
            queue=settings.admission_queue,
            queue_timeout_s=settings.admission_queue_timeout_ms / 1000,
            retry_after_s=settings.admission_retry_after_s,
        )
    return app

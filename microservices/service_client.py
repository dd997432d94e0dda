"""Calls between services: pooled HTTP, a timeout, bounded retries for idempotent calls, a circuit breaker."""

import json

import pybreaker
import urllib3
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from bookstore import deadline, errors, http_pool
from bookstore.edge.errors import payload_of_answer
from bookstore.errors import Unavailable
from bookstore.internal_proof import Signer
from bookstore.request_context import HEADER, current_request_id

TIMEOUT = urllib3.Timeout(connect=0.5, read=5)
ATTEMPTS = 3
IDEMPOTENCY_HEADER = "Idempotency-Key"


class CircuitOpen(errors.NotDelivered):
    """The breaker is open: the service failed repeatedly, so calls fail at once for a while, never sent."""


class Unreachable(Unavailable):
    """No answer came back (refused, reset, timed out): the only failure that is retried and counted."""


class NotDelivered(Unreachable, errors.NotDelivered):
    """The request never reached the service (no connection could be made): it certainly did not run."""


class NoAnswer(Unreachable, errors.AnswerLost):
    """The request reached the service, or may have, but no answer came back: it may have run."""


NOT_DELIVERED = (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError)


def _transport_failure(error: BaseException) -> bool:
    return isinstance(error, Unreachable)


class ServiceClient:
    """One other service, by name and base URL."""

    def __init__(self, name: str, base_url: str, connections: int, signer: Signer):
        """signer: the calling component's, so every call carries its signed assertion."""
        self.name, self.base_url, self.signer = name, base_url.rstrip("/"), signer
        self.http = http_pool.pooled_http(TIMEOUT, connections)
        # Five transport failures in a row open the circuit for five seconds; answers, even 5xx, never count.
        # The call that trips it keeps its own error: it was sent, so it may have run (pybreaker's default
        # would call it "circuit open", that is never sent, and the saga would not undo it).
        self.breaker = pybreaker.CircuitBreaker(
            fail_max=5,
            reset_timeout=5,
            exclude=[lambda error: not _transport_failure(error)],
            name=name,
            throw_new_error_on_trip=False,
        )
        # The retries after a failed first attempt: the first at once (a keep-alive connection the service
        # closed is the usual failure), then with backoff. One for every call and thread: tenacity keeps each
        # call's state thread-local.
        self.retrying = Retrying(
            stop=stop_after_attempt(ATTEMPTS - 1),
            wait=wait_exponential(multiplier=0.05, max=0.4),
            retry=retry_if_exception(_transport_failure),
            reraise=True,
        )

    def _once(self, method: str, path: str, body, query, headers: dict) -> dict:
        try:
            # Each attempt passes on what is left of the budget then, and fails at once if nothing is.
            headers = {**headers, **deadline.outgoing_headers(f"{method} {self.name}{path}")}
            timeout = http_pool.within_budget(TIMEOUT)
            answer = self.http.request(
                method, self.base_url + path, body=body, fields=query, headers=headers, timeout=timeout
            )
        except NOT_DELIVERED:
            raise NotDelivered(f"the {self.name} service is unavailable") from None
        except urllib3.exceptions.HTTPError:
            raise NoAnswer(f"the {self.name} service is unavailable") from None
        return payload_of_answer(answer.status, answer.data, f"{self.name} service")

    def _guarded(self, *args) -> dict:
        try:
            return self.breaker.call(self._once, *args)
        except pybreaker.CircuitBreakerError:
            raise CircuitOpen(f"the {self.name} service is unavailable (circuit open)") from None

    def call(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        query: dict | None = None,
        account_id: int | None = None,
        idempotency_key: str | None = None,
    ) -> dict:
        """One request; retried with backoff only when it is safe to repeat (a GET, or an idempotency key)."""
        headers = {HEADER: current_request_id.get() or "", **self.signer.headers(account_id)}
        if idempotency_key:
            headers[IDEMPOTENCY_HEADER] = idempotency_key
        encoded = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            encoded = json.dumps(body)
        args = (method, path, encoded, query, headers)
        if method != "GET" and not idempotency_key:
            return self._guarded(*args)
        sent = []  # attempts that reached the service, or may have

        def attempt() -> dict:
            try:
                return self._guarded(*args)
            except NoAnswer:
                sent.append(True)
                raise

        try:
            # Straight through first: nearly every call is answered, and tenacity's bookkeeping for one
            # attempt cost about 30 µs a call in process, a fifth of the gateway's own Python time.
            try:
                return attempt()
            except Unreachable:
                pass
            return self.retrying(attempt)
        except errors.NotDelivered:
            if not sent:
                raise
            # The last attempt never arrived, but an earlier one may have run: the caller must know it may have.
            raise NoAnswer(f"the {self.name} service is unavailable") from None

"""How the bus calls a provider: find it in the registry, send SOAP, audit the message, map faults back."""

import json
import logging
import time

import urllib3

from bookstore import deadline, http_pool
from bookstore.errors import (
    AnswerLost,
    BookstoreError,
    Conflict,
    DeadlineExceeded,
    Forbidden,
    InvalidInput,
    NotDelivered,
    NotFound,
    TooManyRequests,
    Unauthorized,
    Unavailable,
)
from bookstore.internal_proof import Signer
from bookstore.request_context import HEADER, current_request_id
from soa import soap
from soa.bus.registry import Registry

TIMEOUT = urllib3.Timeout(connect=0.5, read=10)
FAULT_ERRORS = {
    "invalid_request": InvalidInput,
    "unauthorized": Unauthorized,
    "forbidden": Forbidden,
    "not_found": NotFound,
    "email_taken": Conflict,
    "out_of_stock": Conflict,
    "reservation_released": Conflict,
}
NOT_DELIVERED = (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError)


class Unanswered(AnswerLost):
    """The message reached a provider but no answer came back: the operation may or may not have run."""


def audit_logger(path: str) -> logging.Logger:
    """One JSON line per message into the file at path (AUDIT_LOG; empty: standard error), shared by every bus
    worker.

    One logger per file: a process that builds two buses (the tests) writes each one's audit where it says.
    """
    logger = logging.getLogger(f"soa.audit.{path}" if path else "soa.audit")
    if not logger.handlers:
        logger.addHandler(logging.FileHandler(path) if path else logging.StreamHandler())
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def error_for_fault(fault: soap.Fault) -> BookstoreError:
    """The domain error a provider's fault stands for; a Server fault means the provider failed."""
    if fault.code == TooManyRequests.code:
        return TooManyRequests(fault.message, retry_after_s=fault.retry_after_s or 1)
    kind = FAULT_ERRORS.get(fault.code)
    if kind is None:
        return Unavailable(f"a provider failed: {fault.message}")
    return kind(fault.message, code=fault.code)


class ServiceCaller:
    """Location transparency: callers name a service and an operation, never an address."""

    def __init__(self, registry: Registry, connections: int, signer: Signer, audit_log: str = ""):
        self.registry, self.signer = registry, signer
        self.http = http_pool.pooled_http(TIMEOUT, connections)
        self.audit = audit_logger(audit_log)

    def _record(self, service: str, operation: str, address: str, started: float, outcome: str) -> None:
        self.audit.info(
            json.dumps(
                {
                    "time": round(time.time(), 3),
                    "correlation_id": current_request_id.get(),
                    "service": service,
                    "operation": operation,
                    "address": address,
                    "outcome": outcome,
                    "duration_ms": round(1000 * (time.perf_counter() - started), 2),
                }
            )
        )

    def call(self, service: str, operation: str, payload: dict) -> dict:
        """Run one operation on one instance of the service; the next instance if one is unreachable.

        The message carries the bus's signed assertion, on behalf of the account the payload names, if any.
        """
        correlation_id = current_request_id.get() or ""
        proof = self.signer.sign(payload.get("account_id"))
        body = soap.envelope(operation, payload, {"CorrelationId": correlation_id}, security_token=proof)
        headers = {"Content-Type": soap.CONTENT_TYPE, "SOAPAction": f'"{operation}"', HEADER: correlation_id}
        for address in self.registry.pick(service):
            started = time.perf_counter()
            # The budget rides in an HTTP header, which every provider's server reads before any SOAP.
            budget = deadline.outgoing_headers(f"{service}.{operation}")
            try:
                answer = self.http.request(
                    "POST", address, body=body, headers={**headers, **budget}, timeout=http_pool.within_budget(TIMEOUT)
                )
            except NOT_DELIVERED:
                self._record(service, operation, address, started, "unreachable")
                self.registry.drop(address)  # the message never left: another instance may take it
                continue
            except urllib3.exceptions.HTTPError:
                self._record(service, operation, address, started, "no answer")
                raise Unanswered(f"the {service} service did not answer") from None
            if answer.status == 504:  # the provider's server refused it unread: the budget was spent
                self._record(service, operation, address, started, "deadline exceeded")
                raise DeadlineExceeded(f"the time budget ran out before {service}.{operation}")
            try:
                _, result, _ = soap.parse(answer.data)
            except soap.Fault as fault:
                self._record(service, operation, address, started, f"fault:{fault.code}")
                raise error_for_fault(fault) from None
            self._record(service, operation, address, started, "ok")
            return result
        raise NotDelivered(f"no instance of the {service} service is available")

"""Calls between microservices: only what is safe to repeat is retried, only lost answers open the circuit, and
one client serves many threads at once."""

import json
import threading
from collections import Counter
from types import SimpleNamespace

import pytest
import urllib3

from bookstore.errors import NotFound
from bookstore.internal_proof import Signer
from microservices import service_client
from microservices.service_client import CircuitOpen, NoAnswer, NotDelivered, ServiceClient

REFUSED = urllib3.exceptions.ConnectTimeoutError("refused")
LOST = urllib3.exceptions.ProtocolError("connection reset while reading the answer")


class ScriptedHttp:
    """Stands in for the pooled client: per call (its `call` query field), what each attempt meets in turn."""

    def __init__(self, script: list):
        self.script, self.sent, self.lock = script, Counter(), threading.Lock()

    def request(self, method, url, body=None, fields=None, headers=None, timeout=None):
        call = (fields or {}).get("call", "one")
        with self.lock:
            attempt = self.sent[call]
            self.sent[call] += 1
        outcome = self.script[min(attempt, len(self.script) - 1)]
        if isinstance(outcome, Exception):
            raise outcome
        status, payload = outcome
        return SimpleNamespace(status=status, data=json.dumps(payload).encode())


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch):
    monkeypatch.setattr(service_client, "wait_exponential", lambda **_: lambda _state: 0)


def client(script: list) -> ServiceClient:
    signer = Signer("a-test-secret-of-at-least-thirty-two-bytes", "tests")
    found = ServiceClient("catalog", "http://catalog.test", connections=4, signer=signer)
    found.http = ScriptedHttp(script)
    return found


def test_a_read_whose_connection_failed_is_retried_until_it_is_answered():
    catalog = client([REFUSED, REFUSED, (200, {"id": 7})])
    assert catalog.call("GET", "/books/7") == {"id": 7}
    assert catalog.http.sent["one"] == 3


def test_a_failed_read_is_tried_again_at_once_and_then_once_more_after_a_backoff():
    catalog, waits = client([REFUSED, REFUSED, (200, {"id": 7})]), []
    catalog.retrying.sleep = waits.append
    assert catalog.call("GET", "/books/7") == {"id": 7}
    assert len(waits) == 1


def test_a_read_is_given_up_after_three_attempts():
    catalog = client([REFUSED])
    with pytest.raises(NotDelivered):
        catalog.call("GET", "/books/7")
    assert catalog.http.sent["one"] == 3


def test_a_write_without_an_idempotency_key_is_sent_once_and_its_lost_answer_may_have_run():
    catalog = client([LOST, (201, {})])
    with pytest.raises(NoAnswer):
        catalog.call("POST", "/orders", body={"lines": []})
    assert catalog.http.sent["one"] == 1


def test_a_write_with_an_idempotency_key_is_retried():
    catalog = client([LOST, (201, {"reservation": "k"})])
    assert catalog.call("PUT", "/reservations/k", body={}, idempotency_key="k") == {"reservation": "k"}
    assert catalog.http.sent["one"] == 2


def test_retries_that_end_undelivered_after_a_lost_answer_say_the_call_may_have_run():
    catalog = client([LOST, REFUSED])
    with pytest.raises(NoAnswer):
        catalog.call("PUT", "/reservations/k", body={}, idempotency_key="k")
    assert catalog.http.sent["one"] == 3


def test_a_retry_stopped_by_the_circuit_after_a_lost_answer_says_the_call_may_have_run():
    catalog = client([LOST])
    for _ in range(4):
        with pytest.raises(NoAnswer):
            catalog.call("POST", "/orders", body={})
    with pytest.raises(NoAnswer):  # its first attempt trips the circuit, its retry meets it open
        catalog.call("PUT", "/reservations/k", body={}, idempotency_key="k")
    assert catalog.http.sent["one"] == 5


def test_an_error_answer_is_neither_retried_nor_counted_against_the_service():
    catalog = client([(404, {"error": {"code": "not_found", "message": "no book 7"}})])
    for _ in range(8):
        with pytest.raises(NotFound):
            catalog.call("GET", "/books/7")
    assert catalog.http.sent["one"] == 8
    assert catalog.breaker.current_state == "closed"


def test_five_failures_in_a_row_open_the_circuit_and_then_nothing_is_sent():
    catalog = client([LOST])
    for _ in range(5):
        with pytest.raises(NoAnswer):
            catalog.call("POST", "/orders", body={})
    with pytest.raises(CircuitOpen):
        catalog.call("POST", "/orders", body={})
    assert catalog.http.sent["one"] == 5


def test_one_client_retries_each_threads_call_on_its_own():
    catalog, answers = client([REFUSED, (200, {"ok": True})]), []
    threads = [
        threading.Thread(target=lambda n=n: answers.append(catalog.call("GET", "/b", query={"call": n})))
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [{"ok": True}] * 4
    assert catalog.http.sent == dict.fromkeys(range(4), 2)

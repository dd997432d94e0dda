"""The edge's bounded queue and the time budget's arithmetic, without a server."""

import json
import threading

import pytest
import urllib3

from bookstore import deadline, http_pool
from bookstore.edge.admission import Admission
from bookstore.edge.deadline_wsgi import DeadlineOnArrival, guarded
from bookstore.errors import DeadlineExceeded, NotDelivered
from bookstore.settings import Settings


class Answered:
    def __init__(self):
        self.status, self.headers = None, {}

    def __call__(self, status, headers):
        self.status, self.headers = status, dict(headers)


def run(app, path="/api/books", headers=None):
    environ = {"PATH_INFO": path, **(headers or {})}
    answered = Answered()
    body = b"".join(app(environ, answered))
    return answered, body


def hold_until(release: threading.Event, entered: threading.Semaphore):
    def app(_environ, start_response):
        entered.release()
        release.wait(30)
        start_response("200 OK", [])
        return [b"ok"]

    return app


def test_a_request_beyond_the_working_and_the_waiting_is_refused_with_retry_after():
    release, entered = threading.Event(), threading.Semaphore(0)
    limiter = Admission(hold_until(release, entered), working=1, queue=0, queue_timeout_s=30, retry_after_s=2)
    worker = threading.Thread(target=run, args=(limiter,))
    worker.start()
    assert entered.acquire(timeout=30)
    answered, body = run(limiter)
    release.set()
    worker.join(30)
    assert answered.status.startswith("503")
    assert answered.headers["Retry-After"] == "2"
    assert answered.headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "overloaded"


def test_a_request_that_waited_past_the_queue_timeout_is_refused():
    release, entered = threading.Event(), threading.Semaphore(0)
    limiter = Admission(hold_until(release, entered), working=1, queue=5, queue_timeout_s=0.01, retry_after_s=1)
    worker = threading.Thread(target=run, args=(limiter,))
    worker.start()
    assert entered.acquire(timeout=30)
    answered, _ = run(limiter)
    release.set()
    worker.join(30)
    assert answered.status.startswith("503")
    assert limiter.waiting == 0


def test_a_waiting_request_gets_the_turn_a_finished_one_gives_back():
    release, entered = threading.Event(), threading.Semaphore(0)
    limiter = Admission(hold_until(release, entered), working=1, queue=1, queue_timeout_s=60, retry_after_s=1)
    results = []
    workers = [threading.Thread(target=lambda: results.append(run(limiter)[0].status)) for _ in range(2)]
    for worker in workers:
        worker.start()
    assert entered.acquire(timeout=30)
    release.set()
    for worker in workers:
        worker.join(30)
    assert results == ["200 OK", "200 OK"]


def test_health_is_answered_even_when_the_edge_is_full():
    release, entered = threading.Event(), threading.Semaphore(0)
    limiter = Admission(hold_until(release, entered), working=1, queue=0, queue_timeout_s=30, retry_after_s=1)
    worker = threading.Thread(target=run, args=(limiter,))
    worker.start()
    assert entered.acquire(timeout=30)
    release.set()  # /health goes straight through to the app, which answers at once now
    answered, _ = run(limiter, "/health")
    worker.join(30)
    assert answered.status == "200 OK"


@pytest.mark.parametrize(
    ("sent", "expected"), [(None, 10_000), ("250", 250), ("99999", 10_000), ("junk", 10_000), ("-5", -5)]
)
def test_the_budget_is_the_callers_but_never_above_the_ceiling(sent, expected):
    assert deadline.budget_ms(sent, 10_000) == expected


def test_a_call_waits_no_longer_than_its_own_timeout_nor_than_the_budget_left():
    assert deadline.bounded(5.0) == 5.0  # no budget: its own timeout
    with deadline.within(200):
        assert 0 < deadline.bounded(5.0) <= 0.2
        assert deadline.bounded(0.05) == 0.05
        timeout = http_pool.within_budget(urllib3.Timeout(connect=0.5, read=10))
        assert 0 < timeout.connect_timeout <= 0.2 and 0 < timeout.read_timeout <= 0.2
        assert 0 < int(deadline.outgoing_headers("a call")[deadline.HEADER]) <= 200
    assert deadline.outgoing_headers("a call") == {}


def test_a_spent_budget_stops_the_next_step_as_not_done_and_an_undo_runs_without_it():
    with deadline.within(0):
        with pytest.raises(DeadlineExceeded) as raised:
            deadline.check("the reserve step")
        assert isinstance(raised.value, NotDelivered) and raised.value.code == "deadline_exceeded"
        with deadline.suspended():
            deadline.check("an undo")
            assert deadline.outgoing_headers("an undo") == {}


def test_a_server_refuses_a_spent_budget_before_its_app_runs():
    ran = []

    def app(environ, start_response):
        ran.append(deadline.remaining_s())
        start_response("200 OK", [])
        return [b"ok"]

    server = DeadlineOnArrival(app, ceiling_ms=10_000)
    answered, body = run(server, headers={"HTTP_X_TIME_BUDGET_MS": "0"})
    assert answered.status.startswith("504") and json.loads(body)["error"]["code"] == "deadline_exceeded"
    assert ran == []
    answered, _ = run(server, headers={"HTTP_X_TIME_BUDGET_MS": "500"})
    assert answered.status == "200 OK" and 0 < ran[0] <= 0.5
    assert deadline.remaining_s() is None  # the budget ends with its request


def test_only_the_edge_with_a_queue_gets_more_threads_and_the_limiter():
    plain = Settings.from_environment({"ADMISSION_QUEUE": "3"})
    edge = Settings.from_environment({"ADMISSION_QUEUE": "3", "EDGE_SERVER": "1", "GUNICORN_THREADS": "4"})
    assert plain.server_threads == 4 and not isinstance(guarded(lambda e, s: [], plain), Admission)
    assert edge.server_threads == 7 and edge.database_pool_size == 4
    assert isinstance(guarded(lambda e, s: [], edge), Admission)

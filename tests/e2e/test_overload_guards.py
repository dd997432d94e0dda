"""Overload and deadlines on real servers: a spike is refused at once, and a spent budget does no work."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from launching import GENEROUS_S, launched, reader_auth, signed, wait_for

from three_tier.internal_api import DEFAULT_INTERNAL_KEY, KEY_HEADER

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "Springfield", "postal_code": "12345", "country": "US"}
BURST = 48  # far above the small edge's 2 working threads and 1 waiting place
BUDGET = "X-Time-Budget-Ms"


@pytest.fixture(scope="module")
def small_monolith(tmp_path_factory):
    """One worker of two threads, one more request allowed to wait 1 ms: a spike overflows it at once."""
    settings = {"WEB_CONCURRENCY": "1", "GUNICORN_THREADS": "2", "ADMISSION_QUEUE": "1"}
    with launched("monolith", tmp_path_factory.mktemp("small"), ADMISSION_QUEUE_TIMEOUT_MS="1", **settings) as up:
        yield up


def burst(url: str) -> list[requests.Response]:
    """BURST requests at once, each on a connection of its own; a client-side error or timeout propagates."""
    start = threading.Barrier(BURST)

    def one(_):
        with requests.Session() as session:
            start.wait(GENEROUS_S)
            return session.get(url, timeout=GENEROUS_S)

    with ThreadPoolExecutor(BURST) as pool:
        return list(pool.map(one, range(BURST)))


def test_a_spike_against_a_small_server_gives_refusals_not_timeouts(small_monolith):
    url = f"{small_monolith.base_url}/api/books?q=the&page_size=50"
    expected = requests.get(url, timeout=GENEROUS_S).json()
    seen: list[requests.Response] = []

    def refused_some() -> bool:
        answers = burst(url)  # any timeout or connection error fails the test here
        seen.extend(answers)
        return any(answer.status_code == 503 for answer in answers)

    wait_for(refused_some, "a burst that overflows the edge's queue")
    assert {answer.status_code for answer in seen} <= {200, 503}
    assert any(answer.status_code == 200 for answer in seen)  # it kept serving its capacity
    for answer in seen:
        if answer.status_code == 200:
            assert answer.json() == expected
        else:
            assert answer.headers["Retry-After"] == "1"
            assert answer.json()["error"]["code"] == "overloaded"
    assert requests.get(f"{small_monolith.base_url}/health", timeout=GENEROUS_S).ok


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    with launched("three_tier", tmp_path_factory.mktemp("tiers")) as up:
        yield up


def orders_of(tiers, auth: dict) -> dict:
    return requests.get(f"{tiers.base_url}/api/orders", headers=auth, timeout=GENEROUS_S).json()


def test_a_callee_whose_budget_is_spent_on_arrival_does_not_place_the_order(tiers):
    auth = reader_auth(tiers.base_url, 5)
    before = orders_of(tiers, auth)
    account_id = requests.get(f"{tiers.base_url}/api/accounts/me", headers=auth, timeout=GENEROUS_S).json()["id"]
    order = {"items": [{"book_id": 12, "quantity": 1}], "shipping_address": ADDRESS}
    headers = {KEY_HEADER: DEFAULT_INTERNAL_KEY, **signed(account_id), BUDGET: "0"}  # proven: only the budget fails
    application = tiers.addresses()["application"]
    answer = requests.post(f"{application}/internal/orders", json=order, headers=headers, timeout=GENEROUS_S)
    assert answer.status_code == 504
    assert answer.json()["error"]["code"] == "deadline_exceeded"
    assert orders_of(tiers, auth) == before


def test_a_budget_that_runs_out_at_the_edge_is_not_passed_on_to_the_application_tier(tiers):
    auth = reader_auth(tiers.base_url, 6)
    before = orders_of(tiers, auth)
    order = {"items": [{"book_id": 13, "quantity": 1}], "shipping_address": ADDRESS}
    # One millisecond is accepted on arrival, and spent by the presentation tier's own work before its call.
    answer = requests.post(
        f"{tiers.base_url}/api/orders", json=order, headers={**auth, BUDGET: "1"}, timeout=GENEROUS_S
    )
    assert answer.status_code == 504
    error = answer.json()["error"]
    assert error["code"] == "deadline_exceeded" and "ran out before /internal/" in error["message"]
    assert orders_of(tiers, auth) == before

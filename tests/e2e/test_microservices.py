"""Microservices: a database each, a saga with compensations, idempotent retries, partial availability, replicas."""

import psutil
import psycopg
import pytest
import requests
from launching import launched, reader_auth, refused_without_proof, signed
from sqlalchemy.engine import make_url

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "X", "postal_code": "1", "country": "DE"}


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Every service, with failure injection on and two catalog replicas."""
    with launched(
        "microservices", tmp_path_factory.mktemp("microservices"), FAULT_INJECTION="1", REPLICAS_CATALOG="2"
    ) as up:
        yield up


def url(launch, service: str) -> str:
    return launch.addresses()[service]


def stock(launch, book_id: int) -> int:
    return requests.get(f"{launch.base_url}/api/books/{book_id}", timeout=10).json()["stock"]


def consistent(launch) -> bool:
    verdicts = launch.run_checks()
    assert verdicts, "the architecture ships a consistency check"
    return all(verdict["passed"] for verdict in verdicts)


def libpq(sqlalchemy_url: str, **changes) -> str:
    return make_url(sqlalchemy_url).set(drivername="postgresql", **changes).render_as_string(hide_password=False)


@pytest.mark.parametrize("other", ["accounts", "orders", "shipping"])
def test_a_service_cannot_reach_another_services_database(services, other):
    catalog_url = services.database_of("catalog")
    with pytest.raises(psycopg.OperationalError, match="permission denied|password authentication failed"):
        psycopg.connect(libpq(catalog_url, database=other), connect_timeout=5).close()
    impostor = libpq(services.database_of(other), password="not-the-password")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(impostor, connect_timeout=5).close()


@pytest.mark.parametrize("step", ["reserve", "ship", "confirm"])
def test_a_failure_at_any_saga_step_is_compensated_and_leaves_the_databases_consistent(services, step):
    before = stock(services, 44)
    order = {"items": [{"book_id": 44, "quantity": 3}], "shipping_address": ADDRESS}
    headers = {**signed(7), "X-Inject-Failure": step}
    failed = requests.post(f"{url(services, 'orders')}/orders", json=order, headers=headers, timeout=10)
    assert failed.status_code == 503 and failed.json()["error"]["code"] == "service_unavailable"
    assert stock(services, 44) == before
    assert requests.get(f"{url(services, 'orders')}/orders", headers=signed(7), timeout=10).json() == {"items": []}
    assert consistent(services)


def test_a_retried_reservation_takes_stock_once_and_a_retried_shipment_books_once(services):
    before = stock(services, 45)
    body = {"lines": [{"book_id": 45, "quantity": 2}]}
    first = requests.put(f"{url(services, 'catalog')}/reservations/retry-test", json=body, headers=signed(), timeout=10)
    again = requests.put(f"{url(services, 'catalog')}/reservations/retry-test", json=body, headers=signed(), timeout=10)
    assert (first.status_code, again.status_code) == (201, 200)
    assert stock(services, 45) == before - 2
    requests.delete(
        f"{url(services, 'catalog')}/reservations/retry-test", headers=signed(), timeout=10
    ).raise_for_status()
    requests.delete(
        f"{url(services, 'catalog')}/reservations/retry-test", headers=signed(), timeout=10
    ).raise_for_status()
    assert stock(services, 45) == before
    shipment = {"account_id": 7, "quantity": 1, "address": ADDRESS}
    booked = [
        requests.put(f"{url(services, 'shipping')}/shipments/99999", json=shipment, headers=signed(), timeout=10).json()
        for _ in range(2)
    ]
    assert booked[0] == booked[1]


def test_with_shipping_down_browsing_works_and_ordering_fails_fast_with_503(services):
    auth = reader_auth(services.base_url, 401)
    services.stop_component("shipping")
    try:
        assert requests.get(f"{services.base_url}/api/books?q=river", timeout=10).status_code == 200
        assert requests.get(f"{services.base_url}/books/3", timeout=10).status_code == 200
        order = {"items": [{"book_id": 46, "quantity": 1}], "shipping_address": ADDRESS}
        refused = requests.post(f"{services.base_url}/api/orders", json=order, headers=auth, timeout=10)
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "service_unavailable"
    finally:
        services.start_component("shipping")
    order = {"items": [{"book_id": 46, "quantity": 1}], "shipping_address": ADDRESS}
    assert requests.post(f"{services.base_url}/api/orders", json=order, headers=auth, timeout=10).status_code == 201
    assert consistent(services)


def test_with_catalog_down_only_catalog_requests_fail_and_only_while_it_is_down(services):
    auth = reader_auth(services.base_url, 402)
    for replica in ("catalog-1", "catalog-2"):
        services.stop_component(replica)
    try:
        assert requests.get(f"{services.base_url}/api/books/1", timeout=10).status_code == 503
        assert requests.get(f"{services.base_url}/api/accounts/me", headers=auth, timeout=10).status_code == 200
        assert requests.get(f"{services.base_url}/api/orders", headers=auth, timeout=10).status_code == 200
        quote = "/api/shipping/quote?book_id=1&quantity=1&country=US"
        assert requests.get(f"{services.base_url}{quote}", timeout=10).status_code == 200
    finally:
        for replica in ("catalog-1", "catalog-2"):
            services.start_component(replica)
    assert requests.get(f"{services.base_url}/api/books/1", timeout=10).status_code == 200


def test_two_catalog_replicas_serve_on_the_one_port(services):
    answering = set()
    for _ in range(40):
        with requests.Session() as fresh_connection:
            answering.add(fresh_connection.get(f"{url(services, 'catalog')}/health", timeout=10).json()["pid"])
    replicas = [
        {c.pid for c in psutil.Process(services.process_ids()[name]).children()} for name in ("catalog-1", "catalog-2")
    ]
    assert all(answering & workers for workers in replicas)


@pytest.mark.parametrize(
    ("service", "method", "path"),
    [
        ("accounts", "GET", "/profile"),
        ("orders", "GET", "/orders"),
        ("catalog", "GET", "/books/1"),
        ("frontend", "GET", "/"),
    ],
)
def test_a_service_refuses_a_call_without_a_valid_signed_assertion(services, service, method, path):
    refused_without_proof(method, f"{url(services, service)}{path}")
    assert requests.get(f"{url(services, 'accounts')}/profile", headers=signed(7), timeout=10).json()["id"] == 7

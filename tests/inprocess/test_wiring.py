"""The in-process wiring keeps each architecture's hops: the contract run in process tests what each really does."""

import json

import pytest
import requests
from sqlalchemy import create_engine, text

from inprocess.wiring import wire

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "X", "postal_code": "1", "country": "DE"}


@pytest.fixture
def wired(tmp_path, monkeypatch):
    built = []
    yield lambda architecture: built.append(wire(architecture, tmp_path, monkeypatch)) or built[-1]
    for edge in built:
        edge.close()


def log_in(base_url: str, reader: int = 1) -> dict:
    body = {"email": f"reader{reader}@bookstore.test", "password": "bookstore-reader"}
    token = requests.post(f"{base_url}/api/sessions", json=body, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def stock_in(database_url: str, book_id: int) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT stock FROM books WHERE id = :id"), {"id": book_id}).scalar_one()
    finally:
        engine.dispose()


def test_the_soa_edge_is_the_bus_routing_soap_messages_to_registered_providers(wired, tmp_path):
    edge = wired("soa")
    answer = requests.get(f"{edge.base_url}/api/books/5", headers={"X-Request-ID": "routed-5"}, timeout=10)
    assert answer.json()["id"] == 5
    audit = [json.loads(line) for line in (tmp_path / "audit.log").read_text().splitlines()]
    routed = [(m["service"], m["operation"], m["address"]) for m in audit if m["correlation_id"] == "routed-5"]
    assert routed == [("Book", "GetBook", "http://book.soa.test/soap")]


def test_a_microservices_order_crosses_the_services_each_with_its_own_database(wired):
    edge = wired("microservices")
    before = stock_in(edge.database_of("catalog"), 12)
    order = {"items": [{"book_id": 12, "quantity": 2}], "shipping_address": ADDRESS}
    placed = requests.post(f"{edge.base_url}/api/orders", json=order, headers=log_in(edge.base_url), timeout=10)
    assert placed.status_code == 201, placed.text
    assert stock_in(edge.database_of("catalog"), 12) == before - 2
    assert edge.database_of("catalog") != edge.database_of("orders") != edge.database_of("shipping")


def test_the_three_tier_presentation_answers_503_when_the_application_tier_is_unreachable(wired):
    edge = wired("three_tier")
    assert requests.get(f"{edge.base_url}/api/books/3", timeout=10).json()["id"] == 3
    del edge.network.hosts["http://application.three-tier.test"]  # as if nothing listened there
    down = requests.get(f"{edge.base_url}/api/books/3", timeout=10)
    assert down.status_code == 503 and down.json()["error"]["code"] == "service_unavailable"

"""The bus in action: registry, routing, balancing, hostile XML, and an order whose later step fails."""

import json

import pytest
import requests
from launching import launched, reader_auth, signed

from bookstore.internal_proof import HEADER
from soa import soap
from soa.topology import PROVIDERS
from tests.hostile_xml import BILLION_LAUGHS, EXTERNAL_ENTITY

ADDRESS = {"name": "Ada", "street": "1 Loop Rd", "city": "X", "postal_code": "1", "country": "US"}


@pytest.fixture(scope="module")
def soa(tmp_path_factory):
    """The bus with two instances of every provider."""
    with launched("soa", tmp_path_factory.mktemp("soa"), SOA_REPLICAS="2") as up:
        yield up


def audit(launch) -> list[dict]:
    return [json.loads(line) for line in (launch.run_dir / "logs" / "audit.log").read_text().splitlines()]


def provider_url(launch, name: str) -> str:
    return launch.addresses()[name] + "/soap"


def test_every_provider_instance_registers_with_the_bus(soa):
    registered = requests.get(f"{soa.base_url}/registry", timeout=10).json()["items"]
    assert sorted({entry["service"] for entry in registered}) == ["Account", "Book", "Order", "Shipping"]
    assert len(registered) == 2 * len(PROVIDERS)
    book = next(entry for entry in registered if entry["service"] == "Book")
    assert {"GetBook", "ReserveStock", "ReleaseStock"} <= set(book["operations"])


def test_a_request_is_routed_to_its_operation_with_the_edges_correlation_id(soa):
    answer = requests.get(f"{soa.base_url}/api/books/5", headers={"X-Request-ID": "route-5"}, timeout=10)
    assert answer.json()["id"] == 5
    routed = [m for m in audit(soa) if m["correlation_id"] == "route-5"]
    assert [(m["service"], m["operation"], m["outcome"]) for m in routed] == [("Book", "GetBook", "ok")]


def test_two_instances_of_a_provider_share_the_load(soa):
    for book_id in range(1, 21):
        requests.get(f"{soa.base_url}/api/books/{book_id}", headers={"X-Request-ID": f"share-{book_id}"}, timeout=10)
    used = {m["address"] for m in audit(soa) if (m["correlation_id"] or "").startswith("share-")}
    assert used == {provider_url(soa, "book-1"), provider_url(soa, "book-2")}


def test_the_admin_page_counts_messages_per_operation(soa):
    requests.get(f"{soa.base_url}/api/books/9", timeout=10)
    counted = requests.get(f"{soa.base_url}/admin/services", timeout=10).json()["operations"]
    assert counted["Book.GetBook"]["messages"] >= 1


@pytest.mark.parametrize("provider", ["account-1", "book-1", "order-1", "shipping-1"])
@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY, b"<not-closed"], ids=["bomb", "xxe", "malformed"])
def test_hostile_xml_gets_a_fault_and_the_provider_keeps_answering(soa, provider, hostile):
    answer = requests.post(provider_url(soa, provider), data=hostile, headers={"Content-Type": "text/xml"}, timeout=10)
    assert answer.status_code == 500 and b"Fault" in answer.content and b"invalid_request" in answer.content
    assert b"root:" not in answer.content  # /etc/passwd was not read into the answer
    assert requests.get(soa.addresses()[provider] + "/health", timeout=10).json()["status"] == "ok"


def test_the_bus_refuses_xml_from_consumers_and_stays_up(soa):
    answer = requests.post(
        f"{soa.base_url}/api/orders",
        data=BILLION_LAUGHS,
        timeout=10,
        headers={"Content-Type": "text/xml", "Authorization": "Bearer x"},
    )
    assert answer.status_code in (401, 415) and answer.json()["error"]["code"]
    assert requests.get(f"{soa.base_url}/health", timeout=10).status_code == 200


def test_providers_expose_no_consumer_path_only_their_soap_endpoint(soa):
    for path in ("/api/books", "/api/books/1", "/openapi.json", "/"):
        assert requests.get(soa.addresses()["book-1"] + path, timeout=10).status_code == 404


def test_an_order_whose_recording_fails_leaves_no_reservation_and_no_order(soa):
    auth = reader_auth(soa.base_url, 301)
    stock = requests.get(f"{soa.base_url}/api/books/33", timeout=10).json()["stock"]
    for instance in ("order-1", "order-2"):
        soa.stop_component(instance)
    try:
        order = {"items": [{"book_id": 33, "quantity": 2}], "shipping_address": ADDRESS}
        refused = requests.post(f"{soa.base_url}/api/orders", json=order, headers=auth, timeout=10)
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "service_unavailable"
        assert requests.get(f"{soa.base_url}/api/books/33", timeout=10).json()["stock"] == stock
    finally:
        for instance in ("order-1", "order-2"):
            soa.start_component(instance)
    soa.wait_settled()
    assert requests.get(f"{soa.base_url}/api/orders", headers=auth, timeout=10).json()["items"] == []


def test_a_stopped_provider_is_dropped_from_the_registry_and_its_calls_fail_fast(soa):
    for instance in ("shipping-1", "shipping-2"):
        soa.stop_component(instance)
    try:
        quote = requests.get(f"{soa.base_url}/api/shipping/quote?book_id=1&quantity=1&country=US", timeout=10)
        assert quote.status_code == 503
        registered = {e["address"] for e in requests.get(f"{soa.base_url}/registry", timeout=10).json()["items"]}
        assert provider_url(soa, "shipping-1") not in registered
        assert requests.get(f"{soa.base_url}/api/books/1", timeout=10).status_code == 200
    finally:
        for instance in ("shipping-1", "shipping-2"):
            soa.start_component(instance)
    soa.wait_settled()


@pytest.mark.parametrize("key", [None, "a-guessed-key"])
def test_only_a_provider_with_the_registry_key_may_register(soa, key):
    headers = {"X-Registry-Key": key} if key else {}
    impostor = {"service": "Account", "address": "http://127.0.0.1:9/soap", "operations": ["CheckCredentials"]}
    answer = requests.post(f"{soa.base_url}/registry", json=impostor, headers=headers, timeout=10)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
    registered = {e["address"] for e in requests.get(f"{soa.base_url}/registry", timeout=10).json()["items"]}
    assert impostor["address"] not in registered


def _get_profile(soa, proof: str | None, account_id: int = 7) -> requests.Response:
    body = soap.envelope("GetProfile", {"account_id": account_id}, security_token=proof)
    return requests.post(
        provider_url(soa, "account-1"), data=body, headers={"Content-Type": soap.CONTENT_TYPE}, timeout=10
    )


def test_a_provider_refuses_a_message_without_a_valid_ws_security_assertion(soa):
    forged = signed(7, secret="a-forged-secret-of-at-least-32-bytes")[HEADER]
    for proof in (None, forged, signed(7, ttl_s=-60)[HEADER], signed(8)[HEADER]):  # the last speaks for another
        answer = _get_profile(soa, proof)
        assert answer.status_code == 401 and b"unauthorized" in answer.content, answer.content[:300]
    answer = _get_profile(soa, signed(7)[HEADER])
    assert answer.status_code == 200 and b"reader7@bookstore.test" in answer.content

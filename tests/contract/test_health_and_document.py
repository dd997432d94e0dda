"""Contract tests for GET /health and GET /openapi.json."""

from edge_api import assert_json, get

from contract import openapi_document
from topology import registry


def test_health_answers_ok_and_names_its_architecture(edge_url):
    body = assert_json(get(edge_url, "/health"), 200, "Health")
    assert body["status"] == "ok"
    assert body["architecture"] in registry.names()


def test_the_served_document_is_the_contract_as_json(edge_url):
    served = assert_json(get(edge_url, "/openapi.json"), 200)
    document = openapi_document()
    assert served["openapi"] == document["openapi"]
    assert served["paths"] == document["paths"]
    assert served["components"] == document["components"]

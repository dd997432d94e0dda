"""The contract document is valid OpenAPI 3.1 and describes every operation of the edge API."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from contract import OPENAPI_PATH, openapi_document

OPERATIONS = [
    ("get", "/health"),
    ("get", "/openapi.json"),
    ("post", "/api/accounts"),
    ("post", "/api/sessions"),
    ("get", "/api/accounts/me"),
    ("get", "/api/books"),
    ("get", "/api/books/{id}"),
    ("get", "/api/shipping/quote"),
    ("post", "/api/orders"),
    ("get", "/api/orders"),
    ("get", "/api/orders/{id}"),
    ("get", "/api/shipments/{id}"),
]
AUTHENTICATED = {
    ("get", "/api/accounts/me"),
    ("post", "/api/orders"),
    ("get", "/api/orders"),
    ("get", "/api/orders/{id}"),
    ("get", "/api/shipments/{id}"),
}
SCHEMAS = [
    "Book",
    "BookSummary",
    "BookPage",
    "Account",
    "Session",
    "Quote",
    "Order",
    "OrderLine",
    "Address",
    "Shipment",
    "Health",
    "Error",
]


def resolve(node: dict) -> dict:
    """Follow a local `$ref` to the node it points at."""
    while "$ref" in node:
        target = openapi_document()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_validator(schema: dict) -> Draft202012Validator:
    resource = Resource.from_contents(openapi_document(), default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    return Draft202012Validator({"$ref": f"urn:openapi{schema['$ref']}"}, registry=registry)


def test_the_document_is_a_valid_openapi_3_1_document():
    assert OPENAPI_PATH.is_file()
    assert openapi_document()["openapi"].startswith("3.1.")
    validate(openapi_document(), cls=OpenAPIV31SpecValidator)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_operation_of_the_contract_is_present_with_a_success_response(method, path):
    operation = openapi_document()["paths"][path][method]
    assert operation["operationId"]
    assert any(status.startswith("2") for status in operation["responses"])


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_error_response_uses_the_shared_error_schema(method, path):
    for status, response in openapi_document()["paths"][path][method]["responses"].items():
        if not status.startswith("2"):
            schema = resolve(response)["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_exactly_the_authenticated_operations_require_the_bearer_scheme(method, path):
    security = openapi_document()["paths"][path][method].get("security", [])
    assert (security == [{"bearerAuth": []}]) == ((method, path) in AUTHENTICATED)
    assert openapi_document()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("path", ["/api/accounts", "/api/sessions", "/api/orders"])
def test_request_bodies_refuse_unknown_fields_and_their_examples_are_valid(path):
    content = openapi_document()["paths"][path]["post"]["requestBody"]["content"]["application/json"]
    assert resolve(content["schema"])["additionalProperties"] is False
    assert list(schema_validator(content["schema"]).iter_errors(content["example"])) == []


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_named_component_schemas_exist(name):
    assert openapi_document()["components"]["schemas"][name]["type"] == "object"

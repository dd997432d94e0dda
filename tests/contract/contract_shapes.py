"""Validates JSON bodies against the named component schemas of the OpenAPI contract."""

import functools

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from contract import openapi_document

DOCUMENT_URI = "urn:bookstore:openapi"


@functools.cache
def _registry() -> Registry:
    """The whole document as one resource, so every `#/components/...` reference resolves."""
    resource = Resource.from_contents(openapi_document(), default_specification=DRAFT202012)
    return Registry().with_resource(DOCUMENT_URI, resource)


@functools.cache
def validator(name: str) -> Draft202012Validator:
    """A validator for `#/components/schemas/<name>`; KeyError if the contract has no such schema."""
    if name not in openapi_document()["components"]["schemas"]:
        raise KeyError(f"the contract has no component schema {name!r}")
    reference = {"$ref": f"{DOCUMENT_URI}#/components/schemas/{name}"}
    return Draft202012Validator(reference, registry=_registry())


def schema_errors(body: object, name: str) -> list[str]:
    """Every way `body` breaks the schema `name`, as readable lines; empty when it conforms."""
    errors = sorted(validator(name).iter_errors(body), key=lambda error: list(error.absolute_path))
    return [f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}" for error in errors]


def assert_matches(body: object, name: str) -> None:
    """Fail the test, listing every violation, unless `body` conforms to the schema `name`."""
    errors = schema_errors(body, name)
    assert not errors, f"body does not match {name}:\n" + "\n".join(errors)

"""The edge API contract shared by every architecture: the OpenAPI document and its loader."""

import functools
from pathlib import Path

import yaml

OPENAPI_PATH = Path(__file__).with_name("openapi.yaml")


@functools.cache
def openapi_document() -> dict:
    """The OpenAPI document as a dict, parsed once; callers must not mutate it."""
    with OPENAPI_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)

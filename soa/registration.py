"""What providers and the bus agree on for registration: where to announce, and the key that proves a provider."""

import os

REGISTRY_KEY_HEADER = "X-Registry-Key"


DEFAULT_REGISTRY_KEY = "soa-registry-key-change-me"


def registry_key() -> str:
    """The secret a provider presents to register: without it, anyone could pose as a provider."""
    return os.environ.get("REGISTRY_KEY") or DEFAULT_REGISTRY_KEY

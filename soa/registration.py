"""What providers and the bus agree on for registration: the header that carries the key that proves a provider
(soa/settings.py reads the key itself)."""

REGISTRY_KEY_HEADER = "X-Registry-Key"
DEFAULT_REGISTRY_KEY = "soa-registry-key-change-me"

"""The contract between the tiers: where the application tier listens, and how callers prove they are inside."""

import os

KEY_HEADER = "X-Internal-Key"


def application_tier_url() -> str:
    """Base URL of the application tier (several replicas share it)."""
    return os.environ.get("APP_TIER_URL", "http://127.0.0.1:8001").rstrip("/")


DEFAULT_INTERNAL_KEY = "three-tier-internal-key-change-me"


def internal_key() -> str:
    """The shared secret that internal callers present; the application tier refuses calls without it."""
    return os.environ.get("INTERNAL_API_KEY") or DEFAULT_INTERNAL_KEY

"""The contract between the tiers: how callers prove they are inside (three_tier/settings.py says where to call)."""

KEY_HEADER = "X-Internal-Key"
DEFAULT_INTERNAL_KEY = "three-tier-internal-key-change-me"

"""The settings of a three-tier server process: the shared ones, and how the tiers find and trust each other."""

from pydantic import Field, field_validator

from bookstore.settings import Settings
from three_tier.internal_api import DEFAULT_INTERNAL_KEY


class ThreeTierSettings(Settings):
    """A tier's settings, read once in its composition root."""

    app_tier_url: str = Field(
        "http://127.0.0.1:8001",
        validation_alias="APP_TIER_URL",
        description="The presentation tier: where the application tier listens (its replicas share it).",
    )
    internal_api_key: str = Field(
        DEFAULT_INTERNAL_KEY,
        validation_alias="INTERNAL_API_KEY",
        description="The secret internal callers present; the application tier refuses calls without it.",
    )

    @field_validator("app_tier_url")
    @classmethod
    def _without_trailing_slash(cls, url: str) -> str:
        return url.rstrip("/")

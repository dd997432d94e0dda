"""The settings of an SOA server process: the shared ones, the registry's key, and each role's own."""

from typing import Annotated

from pydantic import Field, field_validator

from bookstore.environment import Accepts
from bookstore.settings import Settings
from soa.registration import DEFAULT_REGISTRY_KEY


class SoaSettings(Settings):
    """What the bus and its providers share beyond every server's settings."""

    registry_key: str = Field(
        DEFAULT_REGISTRY_KEY,
        validation_alias="REGISTRY_KEY",
        description="The secret a provider presents to register: without it, anyone could pose as a provider.",
    )


class BusSettings(SoaSettings):
    """The bus's settings, read once in its composition root."""

    audit_log: str = Field(
        "",
        validation_alias="AUDIT_LOG",
        description="The file every bus worker appends one JSON line per message to; empty: standard error.",
    )


class ProviderSettings(SoaSettings):
    """A provider's settings, read once in its composition root: where it announces itself, and how."""

    bus_url: str = Field("", validation_alias="BUS_URL", description="The bus to register with; empty: none.")
    port: Annotated[int | None, Field(ge=1, le=65535), Accepts("a port number")] = Field(
        None, validation_alias="PORT", description="The port this provider listens on; unset, it does not register."
    )
    advertise_url: str = Field(
        "",
        validation_alias="ADVERTISE_URL",
        description="Where the bus should send this provider's messages; empty: http://127.0.0.1:PORT/soap.",
    )

    @field_validator("bus_url")
    @classmethod
    def _without_trailing_slash(cls, url: str) -> str:
        return url.rstrip("/")

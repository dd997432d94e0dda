"""Settings read from environment variables: the one place a server process reads its environment.

Each field names its variable (its alias), its type, its default and its help text; `Accepts` says in words
what a variable takes, so a bad value stops the process at start with a sentence a user can act on.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from pydantic import ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict


@dataclass(frozen=True)
class Accepts:
    """What a variable takes, in words, for the message that refuses a bad value (which it repeats unless the
    value is a secret)."""

    text: str
    shown: bool = True


class EnvironmentSettings(BaseSettings):
    """Settings whose fields are read from the variables their aliases name.

    The constructor takes values only (a test's `Settings(token_secret=...)` is what it says, whatever the
    environment); `from_environment` is the one way in from the environment, or from any mapping like it.
    An empty variable counts as unset, as it always has here.
    """

    model_config = SettingsConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Self:
        """These settings from environ (this process's environment unless given); ValueError names a bad one."""
        environ = os.environ if environ is None else environ
        given = {name: environ[name] for name in cls.variables() if environ.get(name)}
        try:
            return cls.model_validate(given)
        except ValidationError as error:
            raise ValueError("; ".join(cls._refusal(detail) for detail in error.errors())) from None

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Every variable these settings read, with its help text."""
        return {_variable(name, field): field.description or "" for name, field in cls.model_fields.items()}

    @classmethod
    def _refusal(cls, detail: ErrorDetails) -> str:
        variable = str(detail["loc"][0]) if detail["loc"] else cls.__name__
        fields = [field for name, field in cls.model_fields.items() if _variable(name, field) == variable]
        accepts = next((item for field in fields for item in field.metadata if isinstance(item, Accepts)), None)
        if accepts is None:
            return f"{variable}: {detail['msg']}"
        found: Any = detail.get("input")
        return f"{variable} must be {accepts.text}" + (f", not {found!r}" if accepts.shown else "")


def _variable(name: str, field: FieldInfo) -> str:
    """The variable a field is read from: its alias (every field here has one), else its name."""
    return field.validation_alias if isinstance(field.validation_alias, str) else name

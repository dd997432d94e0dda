"""`python -m lab settings`: every variable the lab and its servers read, its value and where it came from."""

import importlib

from pydantic_settings import BaseSettings

from bookstore.environment import EnvironmentSettings
from bookstore.settings import SeedSettings, Settings
from lab.settings import SETTINGS_CLASSES, SettingsError, read, variable
from topology import registry

Row = tuple[str, object, str, str]  # variable, value, "environment" or "default", help


def server_settings() -> list[type[EnvironmentSettings]]:
    """The servers' settings: the shared ones, then what each architecture's own settings.py adds to them."""
    found: list[type[EnvironmentSettings]] = [Settings, SeedSettings]
    for name in registry.names():
        try:
            module = importlib.import_module(f"{name}.settings")
        except ModuleNotFoundError as missing:
            if missing.name != f"{name}.settings":
                raise
            continue
        found += [
            kind
            for kind in vars(module).values()
            if isinstance(kind, type) and issubclass(kind, EnvironmentSettings) and kind.__module__ == module.__name__
        ]
    return found


def every_class() -> list[type[BaseSettings]]:
    """The lab's settings, then the servers', in the order the listing shows them."""
    return [*SETTINGS_CLASSES, *server_settings()]


def own_fields(kind: type[BaseSettings]) -> list[str]:
    """The fields a class adds to its bases': a subclass lists only what it reads beyond them."""
    inherited = {name for base in kind.__mro__[1:] for name in getattr(base, "model_fields", {})}
    return [name for name in kind.model_fields if name not in inherited]


def rows(kind: type[BaseSettings]) -> list[Row]:
    """(variable, value, where it came from, help) for each of a class's own fields, as the environment gives it."""
    if issubclass(kind, EnvironmentSettings):
        try:
            settings: BaseSettings = kind.from_environment()
        except ValueError as refused:
            raise SettingsError(str(refused)) from None
    else:
        settings = read(kind)
    return [
        (
            variable(kind, name),
            getattr(settings, name),
            "environment" if name in settings.model_fields_set else "default",
            kind.model_fields[name].description or "",
        )
        for name in own_fields(kind)
    ]


def print_listing() -> int:
    """Each class's docstring, then its variables; 2 if any variable holds a value its setting refuses."""
    status = 0
    for kind in every_class():
        print(f"{kind.__doc__.splitlines()[0] if kind.__doc__ else kind.__name__} ({kind.__module__})")
        try:
            listed = rows(kind)
        except SettingsError as refused:
            print(f"  refused: {refused}")
            status = 2
            continue
        for name, value, source, meaning in listed:
            shown = "(unset)" if value is None else str(value) or "(empty)"
            print(f"  {name:<36} {shown:<28} {source:<11}  {meaning}")
    return status

"""What the load generator takes from its environment: the one module of loadtests/ that reads it.

Plain Python, no pydantic: the load generator's image installs Locust alone (loadtests/requirements.txt),
and Locust does not bring pydantic. Each field names its variable, what it accepts and its help text; a bad
value stops Locust at start with a sentence naming the variable. An empty variable counts as unset.
"""

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Variable:
    """How one field is read: its variable, what it accepts (in words), how to parse it, and its help text."""

    name: str
    accepts: str
    parse: Callable[[str], Any]
    help: str


def _users(text: str) -> tuple[int, ...]:
    steps = tuple(int(users) for users in text.split(","))
    if not steps or min(steps) < 1:
        raise ValueError(text)
    return steps


def _sites(text: str) -> tuple[tuple[str, str], ...]:
    pairs = [tuple(pair.split("=", 1)) for pair in text.split(",") if pair]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError(text)
    return tuple((name, url) for name, url in pairs)


def _setting(default: Any, variable: str, accepts: str, parse: Callable[[str], Any], help: str) -> Any:
    return field(default=default, metadata={"variable": Variable(variable, accepts, parse, help)})


_NUMBER, _WHOLE, _FOLDER = "a number", "a whole number", "a folder"


@dataclass(frozen=True)
class LoadSettings:
    """The load generator's settings, read once when Locust loads the locustfile."""

    seed_accounts: int = _setting(1000, "SEED_ACCOUNTS", _WHOLE, int, "Reader accounts the shoppers log in as.")
    sites: tuple[tuple[str, str], ...] = _setting(
        (), "LAB_SITES", "NAME=URL pairs, comma-separated", _sites, "Sites shoppers roam between (CAP); unset, none."
    )
    warmup_s: float = _setting(0.0, "LAB_WARMUP_S", _NUMBER, float, "Seconds of warm-up left out of the figures.")
    mark_dir: str = _setting("", "LAB_MARK_DIR", _FOLDER, str, "Where the measured window's marks are written.")
    steps: tuple[int, ...] = _setting(
        (250, 500, 1000), "LAB_STEPS", "comma-separated whole numbers of users", _users, "Saturation: users per step."
    )
    spawn_rate: float = _setting(100.0, "LAB_SPAWN_RATE", _NUMBER, float, "Saturation: users started per second.")
    settle_s: float = _setting(5.0, "LAB_SETTLE_S", _NUMBER, float, "Saturation: seconds a step settles.")
    measure_s: float = _setting(20.0, "LAB_MEASURE_S", _NUMBER, float, "Saturation: seconds a step is measured.")
    p95_limit_ms: float = _setting(
        1000.0, "LAB_P95_LIMIT_MS", _NUMBER, float, "Saturation: the p95 in milliseconds past which a step saturates."
    )
    staleness_dir: str = _setting("", "LAB_STALENESS_DIR", _FOLDER, str, "Where stale reads per second are written.")
    timeline: str = _setting("", "LAB_TIMELINE", "a file", str, "Where each second's outcomes are written (faults).")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "LoadSettings":
        """These settings from environ (this process's environment unless given); ValueError names a bad one."""
        environ = os.environ if environ is None else environ
        values = {}
        for each in fields(cls):
            variable: Variable = each.metadata["variable"]
            text = environ.get(variable.name, "")
            if text:
                try:
                    values[each.name] = variable.parse(text)
                except ValueError:
                    raise ValueError(f"{variable.name} must be {variable.accepts}, not {text!r}") from None
        return cls(**values)

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Every variable these settings read, with its help text."""
        return {each.metadata["variable"].name: each.metadata["variable"].help for each in fields(cls)}


SETTINGS = LoadSettings.from_environment()

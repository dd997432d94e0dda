"""The parts of a running architecture that a fault experiment can stop and start again, by name."""

from lab.launch.launcher import Launch

DATABASE = "database"


def parts(launch: Launch) -> list[str]:
    """Every server process group, then the database where it is a server of its own (not SQLite)."""
    return [*launch.instances(), *([DATABASE] if launch.postgres else [])]


def check_part(launch: Launch, part: str) -> None:
    """ValueError naming the choices when `part` is not one of the architecture's parts."""
    if part not in parts(launch):
        raise ValueError(f"{launch.name} has no component {part!r}; choose one of: {', '.join(parts(launch))}")


def stop(launch: Launch, part: str) -> None:
    """Stop a part the way an operator would: servers finish their requests in flight, PostgreSQL rolls back."""
    if part == DATABASE:
        launch.postgres.stop()
    else:
        launch.stop_component(part)


def start(launch: Launch, part: str) -> None:
    """Start a stopped part again; returns once it is ready (healthy, every worker up)."""
    if part == DATABASE:
        launch.postgres.serve()
    else:
        launch.start_component(part)

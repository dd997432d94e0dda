"""Where the lab runs a server: on this machine's loopback, or inside a network namespace (a site)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A network namespace (None: the lab's own) and the address at which the lab reaches what runs there."""

    netns: str | None = None
    address: str = "127.0.0.1"

    @property
    def bind_host(self) -> str:
        """What a server binds: loopback at home; in a site, every address of the site, so the lab reaches it."""
        return "0.0.0.0" if self.netns else "127.0.0.1"

    def wrap(self, command: list[str]) -> list[str]:
        """The command, run in this place (entering a namespace takes root)."""
        return ["ip", "netns", "exec", self.netns, *command] if self.netns else command

    def url(self, port: int) -> str:
        """An HTTP base URL of a server here, as the lab reaches it."""
        return f"http://{self.address}:{port}"


HOME = Place()

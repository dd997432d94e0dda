"""The lab's network for a topology: every component on this machine's loopback, the edge on its given port."""

from lab.launch.ports import free_port, port_is_free


class LocalNetwork:
    """The edge on its port; every other component on the edge port plus one, two... where free, else any free one."""

    def __init__(self, edge_port: int):
        self.edge_port = edge_port
        self.ports: dict[str, int] = {}

    def port(self, component: str, edge: bool = False) -> int:
        """The port of a component (an instance: catalog-2), the same however often it is asked."""
        if component not in self.ports:
            internal = sum(port != self.edge_port for port in self.ports.values())
            self.ports[component] = self.edge_port if edge else self._internal(internal + 1)
        return self.ports[component]

    def _internal(self, offset: int) -> int:
        wanted = self.edge_port + offset
        return wanted if wanted < 65536 and port_is_free(wanted) else free_port()

    def url(self, component: str) -> str:
        """Where the others reach a component."""
        return f"http://127.0.0.1:{self.ports[component]}"


class PlannedNetwork:
    """Ports that only name the components (for planning from a description, nothing will listen there)."""

    def __init__(self):
        self.ports: dict[str, int] = {}

    def port(self, component: str, edge: bool = False) -> int:
        return self.ports.setdefault(component, 1 + len(self.ports))

    def url(self, component: str) -> str:
        return f"http://{component}"

"""How an architecture describes its processes, as plain data that the lab's launcher and its deployment
generator both read: components, their commands, ports and settings, the data to prepare, the checks.

An architecture's topology module (<arch>/topology.py) imports only this package and its own code. Where
its components listen and how they reach one another come in as a Network, its settings as a mapping:
so one description serves a run on this machine and a deployment in containers alike.
"""

from topology.declaration import ChartLine, Declaration, ExtraHop, ReplicaReads
from topology.model import Architecture, Component, Network, Readiness, StatusLines

__all__ = [
    "Architecture",
    "ChartLine",
    "Component",
    "Declaration",
    "ExtraHop",
    "Network",
    "Readiness",
    "ReplicaReads",
    "StatusLines",
]

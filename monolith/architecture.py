"""What the lab knows of the monolith; its processes are in topology.py."""

from topology.declaration import ChartLine, Declaration, ReplicaReads

ARCHITECTURE = Declaration(
    name="monolith",
    topology="monolith.topology",
    databases=("sqlite", "postgres"),  # on PostgreSQL it is the two-tier variant
    components={"monolith": "#1f77b4"},
    scalable="monolith",  # it is all of the work
    cluster_scaled=("monolith",),  # cloned whole, on PostgreSQL: the two-tier monolith
    replica_reads=ReplicaReads(reader="monolith"),
    charts=(ChartLine("monolith", "sqlite", "C0"), ChartLine("monolith-postgres", "postgres", "C1")),
    in_cap=True,
)

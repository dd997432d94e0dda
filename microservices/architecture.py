"""What the lab knows of the microservices; their processes are in topology.py."""

from topology.declaration import ChartLine, Declaration, ExtraHop, ReplicaReads

SERVICES = ("accounts", "catalog", "orders", "shipping")

ARCHITECTURE = Declaration(
    name="microservices",
    topology="microservices.topology",
    databases=("postgres",),
    components=(*SERVICES, "frontend", "gateway"),
    scalable="catalog",  # it serves most of the internal requests
    # The catalog, which takes most reads, alone reads the replicas; REPLICAS_DB_CATALOG sets them for it.
    replica_reads=ReplicaReads(reader="catalog", settings=("REPLICAS_DB_CATALOG", "PG_REPLICAS")),
    charts=(ChartLine("microservices", "postgres", "C4"),),
    own_databases=SERVICES,
    in_cap=True,
    checks=(("microservices.consistency",),),
    extra_hop=ExtraHop("JSON hop", "gateway → catalog"),
)

"""What the lab knows of the microservices; their processes are in topology.py."""

from topology.declaration import ChartLine, Declaration, ExtraHop, ReplicaReads

SERVICES = ("accounts", "catalog", "orders", "shipping")

ARCHITECTURE = Declaration(
    name="microservices",
    topology="microservices.topology",
    databases=("postgres",),
    components={
        "frontend": "#ffbb78",
        "gateway": "#ff9896",
        "accounts": "#9467bd",
        "catalog": "#8c564b",
        "orders": "#e377c2",
        "shipping": "#bcbd22",
    },
    scalable="catalog",  # it serves most of the internal requests
    cluster_scaled=("catalog", "gateway"),  # the hot service, then the edge; the cold ones keep one machine
    # The catalog, which takes most reads, alone reads the replicas; REPLICAS_DB_CATALOG sets them for it.
    replica_reads=ReplicaReads(reader="catalog", settings=("REPLICAS_DB_CATALOG", "PG_REPLICAS")),
    charts=(ChartLine("microservices", "postgres", "C4"),),
    own_databases=SERVICES,
    in_cap=True,
    checks=(("microservices.consistency",),),
    extra_hop=ExtraHop("JSON hop", "gateway → catalog"),
    images_per_component=True,
)

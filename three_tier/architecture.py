"""What the lab knows of the three tiers; their processes are in topology.py."""

from topology.declaration import ChartLine, Declaration, ExtraHop, ReplicaReads

ARCHITECTURE = Declaration(
    name="three_tier",
    topology="three_tier.topology",
    databases=("postgres",),
    components={"presentation": "#ff7f0e", "application": "#2ca02c"},
    scalable="application",  # it does the most work
    cluster_scaled=("application", "presentation"),
    replica_reads=ReplicaReads(reader="application"),  # only it reaches the data tier
    charts=(ChartLine("three_tier", "postgres", "C2"),),
    in_cap=True,
    extra_hop=ExtraHop("JSON hop", "presentation → application"),
)

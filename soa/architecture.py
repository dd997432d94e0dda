"""What the lab knows of the SOA; its processes are in topology.py."""

from topology.declaration import ChartLine, Declaration, ExtraHop, ReplicaReads

ARCHITECTURE = Declaration(
    name="soa",
    topology="soa.topology",
    databases=("postgres",),
    components={"bus": "#d62728", "account": "#9467bd", "book": "#8c564b", "order": "#e377c2", "shipping": "#bcbd22"},
    scalable="bus",  # a third of its CPU
    cluster_scaled=("bus", "book"),  # the bus and the hot provider; the three cold ones keep one machine each
    replica_reads=ReplicaReads(reader="book"),  # the Book provider takes most of the reads
    charts=(ChartLine("soa", "postgres", "C3"),),
    in_cap=False,  # its registry expects every provider at the lab's own loopback, so no site runs alone
    extra_hop=ExtraHop("SOAP hop", "bus → book provider"),
)

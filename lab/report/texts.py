"""The report's words: how to read each chart, what the projection means, and the method's caveats.

Each constant is marked for the catalog with N_(); the page translates it with _() where it is shown.
"""

from lab.i18n import N_, _, number, percent

INTRO = N_(
    """Every number on this page was measured by the lab's bench on the machine named under Environment,
or computed by the queueing model from those measurements. Architectures without results are simply missing,
and a section without results says which command fills it; every bench writes this page again when it ends.

The same shoppers (Locust users with 1 to 5 s of think time, every answer checked) drive every architecture
through the same edge API."""
)

USERS = N_(
    """Read across: users grow tenfold between the two profiles. Below saturation, throughput grows as
fast as the users (a 45° line on these log axes) and latency stays flat. Where a line bends flat, the machine
is saturated: more users only wait longer. Saturation steps add points between and beyond the profiles."""
)

HOCKEY = N_(
    """Each point is one step of the saturation run, labelled with its users. While the CPU has room,
points move right (more requests served) at almost the same height. At the knee they turn upwards: throughput
stops growing and the time each request waits grows instead. The step where that happens is the architecture's
capacity on this machine."""
)

MODEL = N_(
    """The solid line is the queueing model of this machine as it is: every process shares its cores,
users think and then wait for the CPU time each request needs, measured per component. It is calibrated on the
heaviest flat profile measured; the dashed line is calibrated on users-100 alone, which is the model the
validation table judges. Past the knee, throughput can only stay flat, and the response time grows in
proportion to the users: a million users on this one machine would each wait many minutes.

What the projection means: with the measured CPU cost of a request, this is the throughput and mean response
time the architecture would give. What it does not mean: it is not a measurement of a million users, it
assumes the cost per request stays as measured (caches, connection limits, garbage collection and network
stacks change that in practice), and it ignores memory, disks and the network beyond a fixed delay per
request."""
)

CORES = N_(
    """For each population the model finds the fewest cores (instances of two cores each) that keep the
mean response time under the SLO, adding instances where the architecture allows it. A single PostgreSQL
primary may only grow to one large machine, and the monolith on SQLite cannot leave its one machine at all,
and its writes take turns on one lock: where such a part runs out, the point is drawn hollow and the table
names the limit. A million users who each send a request about every 3 s ask for some 330,000 requests per
second: no design here serves that without splitting its database; the last column of the table says how
many cores it would take if the database could scale out too."""
)

CPU = N_(
    """The stacked bar is the servers' CPU time per edge request, by process, measured over the whole
window; the hatched bar beside it is the load generator's, which runs on the same cores. The dashed mark is
the floor: a bare gunicorn + Flask endpoint returning one JSON object under the same load. Every hop an
architecture adds (a tier, the bus, a service) costs another parse, another serialisation and another trip
through gunicorn, and the multiple of the floor shows how many."""
)

SCALING = N_(
    """One fixed load of 1,500 shoppers while one component grows: up (1, 2, 4 gunicorn workers in one
instance) or out (1, 2, 4 instances of one worker sharing the port). On this machine both paths stop gaining
at 2, because there are only 2 cores, and all other processes and the load generator share them. Beyond one
machine the paths part: scaling up ends at the largest machine you can buy, scaling out goes on as long as the
database keeps up (see the capacity plans). The monolith on SQLite cannot scale its writes out at all."""
)

VALIDATION = N_(
    """How to read the verdicts: the model is calibrated on 100 users alone, then asked what 1,000
users and each step of the saturation run will do. The aim is an error within 15 %.

Throughput is the test that matters: below the knee every user sends about one request per think time, so a
model that gets throughput wrong there is wrong. Mean response time is much harder, and a miss there is
expected where responses take a few milliseconds (one millisecond off is already 20-30 %) and near the knee,
where a small error in the CPU a request costs becomes a large error in the time it waits. So "throughput only"
at light load is the model working; "neither" past the knee says where it stops being trustworthy. Under the
table, each architecture's miss is explained from its own measurements."""
)

METHOD = N_(
    """Closed-loop load: each simulated user waits for an answer before thinking again, so when the
server slows the offered load falls too. That hides some of the delay real (open) arrivals would see, known as
coordinated omission; latencies past the knee are therefore optimistic.

The load generator runs on the same two cores as the servers. Its CPU share is recorded in every run.json, and
a run where it passed 90% of a core is flagged.

Locust records response times in whole milliseconds, rounded to 10 ms above 100 ms and to 100 ms above 1 s:
percentiles carry that resolution.

Warm-up statistics are dropped; each run starts from fresh data. CPU time is read per process tree from the
kernel at the window's edges, minus what each process burns idle. Repetitions (REPEAT=N) give medians in
tables and min-max bars in charts.

The queueing model is Mean Value Analysis of a closed network (exact up to 2,000 users, Schweitzer's
approximation above, Seidmann's correction for stations with several cores). Its demands are CPU seconds per
edge request of the measured request mix; its think time and fixed delay come from the same run by the
interactive response time law."""
)


def slo_and_saturation_rule(slo_ms: float, p95_limit_ms: float, failure_ratio: float, growth_share: float) -> str:
    """Why the charts draw a service level and the saturation run stops at another line."""
    return _(
        """Two lines, two jobs. The dashed line is the service level that the capacity plans keep: a mean
response time under {slo_ms} ms (SLO_MS), a usual target for a page that a shopper waits for. The dotted
line is the saturation run's own rule, which is looser because its only job is to find the knee: the run stops
after the first step where the p95 passes {p95_limit_ms} ms (LAB_P95_LIMIT_MS), more than
{failure_ratio} of requests fail, or throughput grows less than {growth_share} as fast as the users. So a
step may be past the service level and not yet saturated: the architecture still serves more, only slower than
a shop would accept."""
    ).format(
        slo_ms=number(slo_ms),
        p95_limit_ms=number(p95_limit_ms),
        failure_ratio=percent(failure_ratio),
        growth_share=percent(growth_share),
    )

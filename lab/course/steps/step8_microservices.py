"""Step 8: Microservices."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=8,
    slug="microservices",
    title=N_("Microservices"),
    idea=N_(
        "Small, autonomous, stateless services with a database each, behind a gateway, an order as a saga: they scale by copying the one service that needs it, where a traditional app is cloned whole."
    ),
    demo=(
        Shell(
            "make chaos-microservices COMPONENT=catalog",
            N_("The catalog stopped under load: which pages still work."),
            fast=("CHAOS_SECONDS=20",),
        ),
        Shell(
            "make trace-microservices",
            N_("One visit through the gateway and the services: the saga's steps in the waterfall."),
            fast=("TRACE_VISITS=2",),
        ),
    ),
    point_at=(
        N_(
            'The section "Faults: what kept working, and was anything lost" of results/index.html (results/faults_microservices.png): with the catalog down, browsing and ordering fail while quotes, signing in and one\'s orders carry on.'
        ),
        N_(
            "results/traces/microservices/order.png: the order's waterfall; point at the orders service running the saga: prices and then the reservation from the catalog, a quote and then the shipment from shipping."
        ),
        N_(
            "The order saga's sequence diagram in microservices/README.md: each step, and its compensation, newest first."
        ),
        N_(
            'The microservices table under "What it measured" in docs/cluster.md, and docs/figures/cluster_scaling.png: copies of the catalog and the gateway, and where the bottleneck went next.'
        ),
    ),
    see=(
        N_(
            "A service down takes away only what it owns. Measured by make chaos-all (docs/faults.md): with the catalog stopped, 11 % of requests succeeded while it was down, browsing and ordering failed, but quotes, signing in and one's orders all succeeded; with accounts stopped, 97 % did, and 83 % of orders still went through on the gateway's 30-second memory of each account. Recovery took 3 to 5 s, not under 1 s: each caller's circuit breaker stays open for 5 s after five failures, failing fast instead of waiting on a dead service."
        ),
        N_(
            "An order is a saga across services. Traced by make trace-microservices (microservices/README.md), it crosses the gateway and four services in 6 HTTP calls, 15 SQL statements and 34.3 ms, of which the orders service, running the saga, works 8.2 ms. Every step carries an idempotency key, so a retried reservation changes nothing, and a failed step is undone newest first."
        ),
        N_(
            "Autonomy costs CPU on one machine. Measured by make bench-all (docs/results.md), a request cost 5.54 ms of server CPU at 1,000 shoppers, 2.2 times the monolith's: gateway 30 %, catalog 29 %, PostgreSQL 25 %, the other services 16 %. The machine saturated at about 265 req/s, at 750 shoppers."
        ),
        N_(
            "Copying only the hot services works until the next shared thing. On machines of their own (make cluster-all, docs/cluster.md), two copies of the catalog and the gateway served 64.1 req/s, 2.3 times one machine, and four 83.7 (3.0 times), where PostgreSQL's machine was the wall; accounts, left on one machine, was next. That cost 1.57 cores per 100 req/s, against 0.67 for the monolith cloned whole, because every service, the database and the balancer keep a machine of their own."
        ),
    ),
    questions=(
        Question(
            N_("With the catalog down, why could shoppers still sign in and read their orders?"),
            N_(
                "Because each service owns its data and answers alone: accounts and orders never call the catalog to serve those pages. In the lab's run, quotes, signing in and one's orders kept 100 % while browsing and ordering, which need the catalog, failed. In the SOA, stopping the bus stopped everything."
            ),
        ),
        Question(
            N_("Why did the microservices take 3 to 5 s to recover, where the monolith took under a second?"),
            N_(
                "Each caller's circuit breaker opens after five failures and stays open for 5 s: it fails fast rather than letting requests wait on a dead service, and it closes only after that time. The monolith has no calls between services to protect, so it served again within the second it was ready. The breaker trades a few seconds of recovery for never piling up waiting requests."
            ),
        ),
        Question(
            N_("Why does an order need a saga here, and not one database transaction?"),
            N_(
                "The order, the stock and the shipment live in three databases owned by three services, so no single transaction can cover them. The saga runs each step as its own local transaction and, when a step fails, undoes the earlier ones newest first. Idempotency keys make retried steps harmless; the lab's consistency check (no stock held for an unconfirmed order, no confirmed order without a shipment) passed after every bench profile."
            ),
        ),
        Question(
            N_(
                "Copying the catalog and the gateway onto four machines gave 3.0 times one machine. Why not 4, and why was it dearer than cloning the monolith?"
            ),
            N_(
                "At four copies the one PostgreSQL machine was at its quota, and accounts, left on one machine, was next, so the shared parts capped the gain. It cost 1.57 cores per 100 req/s against the cloned monolith's 0.67, because each service, the database and the balancer keep a machine of their own and every call between services costs CPU. What it buys is independence: each service deployed, scaled and failing on its own."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "The catalog is the microservices' busiest service. If it runs as two replicas, which component becomes the bottleneck, and how much more will the whole serve?"
        ),
        measure=(
            Shell(
                "make bench-microservices PROFILE=users-1000",
                N_("1,000 shoppers: the CPU per service shows the busiest."),
                fast=("PROFILE=smoke",),
            ),
            Shell(
                "make bench-scaling ARCH=microservices",
                N_(
                    "The catalog scaled up (1, 2, 4 workers) and out (2, 4 replicas) under 1,500 shoppers: out-2 is the catalog on two replicas."
                ),
                fast=("SCALING_PROFILE=smoke", "SCALING_CONFIGURATIONS=up-1,out-2"),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Name the new bottleneck from your out-2 run's CPU per process, and compare it with the cluster's out-2 row in docs/cluster.md, where each copy had a machine of its own. What does copying one service buy that cloning the whole monolith does not, and what does it cost?"
        ),
    ),
    demo_minutes=2.5,
    read_more=("microservices/README.md", "docs/faults.md", "docs/cluster.md"),
)

"""Step 7: SOA with an Enterprise Service Bus."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=7,
    slug="soa",
    title=N_("SOA with an Enterprise Service Bus"),
    idea=N_(
        "Consumers call the bus; the bus routes, transforms, orchestrates and audits calls to the Account, Book, Order and Shipping providers, over one shared enterprise database. One door for everything: that is what the enterprise gains, in control, and what it pays, in CPU and in a single point of failure."
    ),
    demo=(
        Shell(
            "make trace-soa",
            N_("One visit through the bus: every provider call in the waterfall."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make chaos-soa COMPONENT=bus",
            N_("The bus stopped under load: what still works without it."),
            fast=("CHAOS_SECONDS=20",),
        ),
    ),
    point_at=(
        N_(
            "results/traces/soa/order.png: the order's waterfall, a lane per process; point at the bus calling Account, Book, Shipping and Order in turn, and at how little of the time each provider works."
        ),
        N_(
            'The section "One request, four architectures" of results/index.html: the order\'s HTTP calls, SQL statements and time in each architecture, side by side.'
        ),
        N_(
            'The section "Faults: what kept working, and was anything lost" of results/index.html (results/faults_soa.png): every activity falls to a few percent while the bus is down and comes back within a second of its restart; the data check passed.'
        ),
        N_(
            "The request path and the order's sequence diagram in soa/README.md: the bus's mediation, orchestration, routing and audit."
        ),
    ),
    see=(
        N_(
            "An order is a conversation the bus conducts. Traced by make trace-soa (docs/tracing.md), it crosses the bus and four providers in 8 HTTP calls, 16 SQL statements and 38.5 ms, of which no provider works more than 7.1 ms: most of the time is messages, XML and waiting."
        ),
        N_(
            "The bus costs CPU without doing business work. Measured by make bench-all (docs/results.md), at 1,000 shoppers a request cost 6.29 ms of server CPU, 2.5 times the monolith's 2.56 ms, and the bus took 34 % of it, more than the Book provider (29 %) or PostgreSQL (22 %). The machine saturated between 750 and 1,000 shoppers, at about 260 req/s against the monolith's 785."
        ),
        N_(
            "With the bus stopped, nothing works: measured by make chaos-all (docs/faults.md), 5 % of requests succeeded while it was down, because it is the only door. A provider down takes away only its own service: with Order down 96 % of requests still succeeded, with Account down 93 %. And no order was lost: the bus undoes a half-done order step by step, newest first."
        ),
    ),
    questions=(
        Question(
            N_("What does the bus do for each message that a direct call would not?"),
            N_(
                "It checks the token, routes by its registry of providers, transforms JSON into SOAP/XML and back, runs the composite order step by step, signs every message with a WS-Security header and writes an audit line for it. That is control in one place, and it is why the bus takes 34 % of the CPU of a request while doing no business work."
            ),
        ),
        Question(
            N_(
                "Stopping the bus stopped everything, while stopping the Order provider left 96 % of requests working. What follows for production?"
            ),
            N_(
                "The bus is a single point of failure: 5 % of requests succeeded without it. In production it runs as several instances behind a balancer, and the lab's cluster bench copies it. The providers fail independently because consumers never call them directly."
            ),
        ),
        Question(
            N_("The four providers share one enterprise database. What does that buy, and what does it cost?"),
            N_(
                "It buys one schema, transactions and reports across the whole business, and no copies to keep in step. It costs coupling: a schema change touches every provider, and the database is shared as a bottleneck and as a failure, with it down only the shipping quote, which reads no data, kept working. Microservices give this up: a database each."
            ),
        ),
        Question(
            N_("On machines of their own, why did the SOA serve less on four machines than on two?"),
            N_(
                "Two machines doubled it (20.6 to 40.3 req/s), four served 24.3: the cluster copied the bus and the Book provider, but the Account provider, left on one machine, takes every new shopper's log-in, an expensive password hash, and four times the shoppers buried it. The whole path must be scaled, not only the hot spot."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "What share of the SOA's CPU per request will the bus itself use, and how many milliseconds of each request is that?"
        ),
        measure=(
            Shell(
                "make bench-soa PROFILE=users-100",
                N_("The SOA at 100 shoppers, CPU per process recorded."),
                fast=("PROFILE=smoke",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            "Where does the bus's CPU go (routing, transforming XML, orchestrating, auditing)? What does the bus buy the enterprise for that price?"
        ),
    ),
    demo_minutes=2.5,
    read_more=("soa/README.md", "docs/faults.md", "docs/tracing.md"),
)

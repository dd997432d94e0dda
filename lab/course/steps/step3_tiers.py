"""Step 3: One, two and three tiers, and layers."""

from lab.course.model import WORKSHEET, Exercise, Question, Shell, Step
from lab.i18n import N_

STEP = Step(
    number=3,
    slug="tiers",
    title=N_("One, two and three tiers, and layers"),
    idea=N_(
        "The same layers (presentation, logic, data) placed in one process, in two, or in three servers: every "
        "tier boundary adds a network hop and a serialisation."
    ),
    demo=(
        Shell(
            "make trace-monolith",
            N_("One visit traced in the one-tier monolith: a waterfall with a single process."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make trace-monolith DB=postgres",
            N_("The two-tier variant: the same process, the data now in a PostgreSQL server."),
            fast=("TRACE_VISITS=2",),
        ),
        Shell(
            "make trace-three_tier",
            N_("Three tiers: presentation, application and data as separate servers."),
            fast=("TRACE_VISITS=2",),
        ),
    ),
    demo_minutes=3,
    point_at=(
        N_("results/traces/monolith/order.png: an order placed in one lane, one process, its SQL statements in grey."),
        N_(
            "results/traces/monolith-postgres/order.png: still one lane, but every statement is now a round trip "
            "to the PostgreSQL server."
        ),
        N_(
            "results/traces/three_tier/order.png: two lanes; the presentation tier hatched while it waits on the "
            "application tier, the red line showing the critical path."
        ),
        N_(
            'The section "One request, four architectures" in results/index.html: processes crossed, network hops, '
            "SQL statements and milliseconds, side by side."
        ),
    ),
    see=(
        N_(
            "The layers are the same code in every build: the edge's routes and pages, the services with the "
            "business rules, the data access. Only where they run changes. Traced by make trace-all (the median of "
            "20 visits, docs/tracing.md), an order takes 2.9 ms and 11 SQL statements in the one-tier monolith, and "
            "9.2 ms with 2 network hops in three tiers, 6.2 ms of them inside the application tier: the rest is "
            "the hop."
        ),
        N_(
            "The two-tier monolith keeps one process but sends its statements over TCP to PostgreSQL, so each one "
            "becomes a round trip to another server. The lab documents no measured trace of it: the waterfall just "
            "drawn is the class's own number."
        ),
        N_(
            "A hop costs CPU, not only time. At 1,000 shoppers a three-tier request cost 4.18 ms of server CPU "
            "against the monolith's 2.56 ms (application tier 39 %, presentation tier 32 %, PostgreSQL 29 %), so on "
            "the same 2 cores three tiers saturated at about 330 req/s where the monolith reached about 785 (make "
            "bench-all, docs/results.md). Flat out, the tier boundary cost about what any bare HTTP hop between two "
            "Flask servers costs (make bench-micro, three_tier/README.md)."
        ),
        N_(
            "What the third tier buys: a presentation tier with no path to the data (it is not even given the "
            "database's address), an application tier that can be copied (APP_REPLICAS), and a data tier that can "
            "take read replicas."
        ),
    ),
    questions=(
        Question(
            N_("Layer or tier: what is the difference, and how many of each does the monolith have?"),
            N_(
                "A layer is a division of the code with a rule about who may call whom: presentation, business "
                "logic, data access. A tier is a division at run time: a separate process or server, reached over "
                "the network. The monolith has all three layers, kept apart by import contracts, in one tier with "
                "SQLite or two with PostgreSQL; three tiers put presentation and logic in servers of their own."
            ),
        ),
        Question(
            N_(
                "The work of an order is the same everywhere. Why does it take 9.2 ms in three tiers and 2.9 ms in "
                "the monolith?"
            ),
            N_(
                "Because every hop adds work and waiting: the presentation tier turns the call into JSON over HTTP, "
                "the application tier parses it and answers, and each side waits for the other to be scheduled on "
                "a busy 2-core machine. Here the order makes two hops, as the edge first confirms that the new "
                "account exists. The application tier holds 6.2 ms of the 9.2; the rest is the boundary."
            ),
        ),
        Question(
            N_("If three tiers cost 1.6 times the CPU per request, why is it the classic enterprise design?"),
            N_(
                "Because it buys things one machine does not need: a presentation tier exposed to the Internet "
                "that cannot reach the data, an application tier that can be copied behind a balancer, and a "
                "database run and replicated on its own. On one 2-core machine it loses (about 330 against 785 "
                "req/s); on machines of their own, three tiers scaled out 4.2 times on four machines per tier "
                "(docs/cluster.md)."
            ),
        ),
        Question(
            N_("Would a faster network make the tiers as cheap as the monolith?"),
            N_(
                "No. Here every tier runs on one machine and the hop goes over the loopback, as fast as a network "
                "gets, and it still costs: most of a hop's price is CPU to build, send, receive and parse the "
                "request and its answer. A faster network shortens the time on the wire; it does not remove the "
                "serialisation or the extra process."
            ),
        ),
    ),
    exercise=Exercise(
        predict=N_(
            "How many milliseconds of CPU per request will the three tiers cost more than the one-tier monolith, at "
            "the same 100 shoppers?"
        ),
        measure=(
            Shell(
                "make bench-monolith PROFILE=users-100",
                N_("The monolith at 100 shoppers."),
                fast=("PROFILE=smoke",),
            ),
            Shell(
                "make bench-three_tier PROFILE=users-100",
                N_("The three tiers at the same load."),
                fast=("PROFILE=smoke",),
            ),
            WORKSHEET,
        ),
        explain=N_(
            'Find where the extra CPU went in the report\'s section "Where the CPU goes, and the framework floor" '
            "(process by process). Which tier pays for the hops, what would a faster network change, and what "
            "would it not?"
        ),
    ),
)

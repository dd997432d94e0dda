"""Steps 5 to 9's questions: the SOA's capacity, CAP's stale reads, the bus's cost, the busiest microservice."""

from lab.course.worksheet import measures
from lab.course.worksheet.evidence import Cap, Run
from lab.course.worksheet.model import Question, Tolerance, Worked
from lab.i18n import N_
from lab.model.calibration import DATABASE, REPLICA

WITHIN_10 = Tolerance(relative=0.10)

QUESTIONS = (
    Question(
        "5.predicted",
        N_(
            "Your machine has {cores} cores. From your SOA's server CPU per request at 100 shoppers, how many requests per second can it serve at most (cores / CPU-seconds per request)?"
        ),
        kind="number",
        needs=(Run("soa", "users-100"),),
        work=lambda run: Worked({"cores": run.machine.cores}, measures.predicted_capacity_rps(run)),
        unit=N_("req/s"),
        tolerance=WITHIN_10,
    ),
    Question(
        "5.knee",
        N_("What throughput did your SOA's saturation run reach at its knee (its busiest step)?"),
        kind="number",
        needs=(Run("soa", "saturation"),),
        work=lambda run: Worked(expected=measures.knee_rps(run)),
        unit=N_("req/s"),
        tolerance=WITHIN_10,
    ),
    Question(
        "5.gap",
        N_(
            "Your predicted capacity and your measured knee differ: what does the prediction leave out that the saturation run pays for?"
        ),
    ),
    Question(
        "6.stale",
        N_("In your AP run, how many stale reads did site B's shoppers see while the partition cut it off?"),
        kind="number",
        needs=(Cap("AP", "microservices"),),
        work=lambda cap: Worked(expected=measures.stale_reads_cut_off(cap)),
        unit=N_("reads"),
    ),
    Question(
        "6.which",
        N_(
            "Explain those stale reads from the replica's lag. Which of the bookstore's operations may be stale, and which never?"
        ),
    ),
    Question(
        "7.bus_share",
        N_(
            "Your SOA spent {total} ms of server CPU per request at 100 shoppers. What share of it, in percent, did the bus itself use?"
        ),
        kind="number",
        needs=(Run("soa", "users-100"),),
        work=lambda run: Worked({"total": measures.server_ms(run)}, measures.share_percent(run, "bus")),
        unit=N_("percent"),
        tolerance=WITHIN_10,
    ),
    Question(
        "7.buys",
        N_("Name one thing the bus does on every call, and what it would cost each provider to do it itself instead."),
    ),
    Question(
        "8.busiest",
        N_(
            "At 1,000 shoppers, which component of your microservices (the gateway included; the database and the load generator left out) spent the most CPU per request?"
        ),
        kind="name",
        needs=(Run("microservices", "users-1000"),),
        work=lambda run: Worked(expected=measures.busiest(run, (DATABASE, REPLICA))),
    ),
    Question(
        "8.busiest_share",
        N_("What share, in percent, of the server CPU per request (the database included) did that component spend?"),
        kind="number",
        needs=(Run("microservices", "users-1000"),),
        work=lambda run: Worked(expected=measures.share_percent(run, measures.busiest(run, (DATABASE, REPLICA)))),
        unit=N_("percent"),
        tolerance=WITHIN_10,
    ),
    Question(
        "8.next",
        N_(
            "If that component got a second copy, which would become the bottleneck? Why does copying one service help here when cloning the whole monolith would not?"
        ),
    ),
    Question(
        "9.image",
        N_(
            "How big was the monolith's image, and how long did its container take to answer its first request, next to a virtual machine booting the same server?"
        ),
    ),
    Question(
        "9.shares",
        N_(
            "Which of the numbers on this worksheet would change if every server ran in its own container, and which would not? Why?"
        ),
    ),
)

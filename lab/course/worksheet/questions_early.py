"""Steps 1 to 4's questions: the four architectures side by side, the response time law, the tiers' cost, users."""

from lab.course.worksheet import measures
from lab.course.worksheet.evidence import Run
from lab.course.worksheet.model import Question, Tolerance, Worked
from lab.i18n import N_
from topology import registry

WITHIN_10 = Tolerance(relative=0.10)
ARCHITECTURES = tuple(registry.names())

QUESTIONS = (
    Question(
        "1.fastest",
        N_("Which architecture answered fastest (the lowest mean response time) at 100 shoppers in your runs?"),
        kind="name",
        needs=tuple(Run(name, "users-100") for name in ARCHITECTURES),
        work=lambda *runs: Worked(expected=measures.fastest(list(runs))),
    ),
    Question(
        "1.most_served",
        N_("Which architecture served the most requests per second at its knee, in your saturation runs?"),
        kind="name",
        needs=tuple(Run(name, "saturation") for name in ARCHITECTURES),
        work=lambda *runs: Worked(expected=max(runs, key=measures.knee_rps).label),
    ),
    Question(
        "1.qualities",
        N_(
            "For each quality (latency, scalability, reliability, maintainability), which architecture paid most for it, and what did it pay?"
        ),
    ),
    Question(
        "2.think_time",
        N_(
            "Your 100 shoppers on the monolith were served {throughput} req/s, with a mean response time of {response} ms. By the interactive response time law N = X · (R + Z), what think time Z did they have?"
        ),
        kind="number",
        needs=(Run("monolith", "users-100"),),
        work=lambda run: Worked(
            {"throughput": run.totals.throughput_rps, "response": run.totals.latency_ms.mean or 0.0},
            measures.think_time_s(run),
        ),
        unit=N_("seconds"),
        tolerance=WITHIN_10,
    ),
    Question("2.why_not", N_("Why is your throughput not simply 100 / 3 requests per second?")),
    Question(
        "3.extra_cpu",
        N_(
            "At 100 shoppers your monolith served {monolith} req/s and your three tiers {three_tier} req/s. How many more milliseconds of server CPU (every process but the load generator, the database included) did one request cost in the three tiers? Each run.json lists the CPU per request of every process."
        ),
        kind="number",
        needs=(Run("three_tier", "users-100"), Run("monolith", "users-100")),
        work=lambda tiers, monolith: Worked(
            {"three_tier": tiers.totals.throughput_rps, "monolith": monolith.totals.throughput_rps},
            measures.extra_ms(tiers, monolith),
        ),
        unit=N_("ms"),
        tolerance=Tolerance(relative=0.10, absolute=0.1),
    ),
    Question(
        "3.where",
        N_(
            "Your three tiers served {three_tier} req/s at 1,000 users; your monolith served {monolith}. Where did the difference go? (see your CPU chart)"
        ),
        needs=(Run("three_tier", "users-1000"), Run("monolith", "users-1000")),
        work=lambda tiers, monolith: Worked(
            {"three_tier": tiers.totals.throughput_rps, "monolith": monolith.totals.throughput_rps}
        ),
    ),
    Question(
        "4.growth",
        N_(
            "Your three tiers served {light} req/s at 100 shoppers. Ten times the shoppers: by what factor did their throughput grow at 1,000 (users-1000 over users-100)?"
        ),
        kind="number",
        needs=(Run("three_tier", "users-1000"), Run("three_tier", "users-100")),
        work=lambda heavy, light: Worked(
            {"light": light.totals.throughput_rps}, measures.throughput_ratio(heavy, light)
        ),
        unit=N_("a ratio"),
        tolerance=WITHIN_10,
    ),
    Question(
        "4.cores",
        N_(
            "At the server CPU per request of your three tiers' users-100 run, how many cores would 330,000 req/s (about a million shoppers) keep busy?"
        ),
        kind="number",
        needs=(Run("three_tier", "users-100"),),
        work=lambda run: Worked(expected=measures.cores_for(measures.MILLION_SHOPPERS_RPS, run)),
        unit=N_("cores"),
        tolerance=WITHIN_10,
    ),
    Question(
        "4.where_stopped",
        N_(
            "Where did your measured throughput stop following the users, and why there? What would a million real users break that the model assumes?"
        ),
    ),
)

"""The box at the top of the report: what was run, the headline numbers, and what to run next."""

from lab.i18n import N_, _, ngettext, number
from lab.records import capacity_step
from lab.report.page import Summary, Table
from lab.report.results import Results, median, server_cpu_ms
from loadtests.profiles import BENCH_PROFILES, SATURATION
from topology import registry

HEAVY = "users-1000"
HEADERS = [
    N_("architecture"),
    N_("req/s at 1,000 users"),
    N_("p95 ms at 1,000 users"),
    N_("capacity req/s"),
    N_("at users"),
    N_("server CPU ms per request"),
    N_("failed requests"),
]


def _headline_row(results: Results, label: str) -> list:
    heavy, saturation = results.run(label, HEAVY), results.run(label, SATURATION)
    best = capacity_step((saturation and saturation.steps) or [])
    failed = sum(run.totals.failures for profile in results.runs[label].values() for run in profile)
    return [
        label,
        heavy and heavy.totals.throughput_rps,
        heavy and heavy.totals.latency_ms.p95,
        best and best.throughput_rps,
        best and best.users,
        heavy and median([sum(server_cpu_ms(run).values()) for run in results.repeats(label, HEAVY)]),
        failed,
    ]


def _ran(results: Results, experiments: dict[str, int]) -> list[str]:
    lines = []
    for label in results.labels:
        names = [name for name in BENCH_PROFILES if results.repeats(label, name)]
        runs = sum(len(results.repeats(label, name)) for name in names)
        said = ngettext("{label}: {profiles} ({runs} run)", "{label}: {profiles} ({runs} runs)", runs)
        lines.append(said.format(label=label, profiles=", ".join(names), runs=number(runs)))
    if any(run.demo for profiles in results.runs.values() for runs in profiles.values() for run in runs):
        lines.append(
            _(
                "a demo (make demo): every profile on one start of each architecture, in windows of seconds: "
                "a sketch for a class, which make bench-<arch> measures properly"
            )
        )
    if results.floor:
        lines.append(_("the framework floor: a bare gunicorn + Flask endpoint under the same load"))
    lines += [
        _("{what}: {count}").format(what=_(what), count=number(count)) for what, count in experiments.items() if count
    ]
    newest = results.newest()
    if newest:
        when = newest.date[:16].replace("T", " ")
        cores, commit = newest.machine.cores, newest.git_commit[:7]
        lines.append(
            _("newest run {when} UTC, on {cores} cores, at commit {commit}").format(
                when=when, cores=number(cores), commit=commit
            )
        )
    return lines or [_("nothing yet")]


def _next_steps(results: Results, experiments: dict[str, int]) -> list[str]:
    missing = [a for a in registry.names() if not any(label.split("-")[0] == a for label in results.labels)]
    steps = []
    if missing:
        each = _(" or ").join(f"make bench-{a}" for a in missing)
        steps.append(
            _(
                "to compare, {commands} (6-7 minutes each), or make demo for all four at once "
                "(7 minutes, shorter windows)"
            ).format(commands=each)
        )
    for what, command in (
        (
            "scaling runs",
            N_("make bench-scaling ARCH=<arch>: one component scaled up and out under a fixed load (about 5 minutes)"),
        ),
        ("fault runs", N_("make chaos-all: stop each part of each architecture under load (about 20 minutes)")),
        (
            "traced architectures",
            N_("make trace-all: one visit traced across every process, as waterfalls (about a minute)"),
        ),
        (
            "CAP runs",
            N_("make cap-all: two sites and a network partition, CP against AP (as root, about 5 minutes)"),
        ),
    ):
        if not experiments.get(what):
            steps.append(_(command))
    return steps[:4] or [_("every experiment has results: rerun any of them after a change")]


def summary(results: Results, experiments: dict[str, int]) -> Summary:
    """What was run, a row of headline numbers per architecture, and the commands that would fill the gaps.

    experiments: how many runs of each other experiment exist ("scaling runs", "fault runs", "traced
    architectures", "CAP runs", "micro-bench"), so that what is missing is proposed next.
    """
    rows = [_headline_row(results, label) for label in results.labels]
    note = _(
        "Capacity: the saturation step with the most throughput, the most this architecture served on this "
        "machine. Each shopper thinks 1-5 s between requests, so 1,000 users ask for about 330 requests a second."
    )
    headers = [_(header) for header in HEADERS]
    headline = Table(_("The headline numbers"), headers, rows, note=note if rows else "")
    return Summary(_ran(results, experiments), headline, _next_steps(results, experiments))

"""Machines of their own in the report: capacity scaled up and out, the model beside it, where scaling stops."""

from pathlib import Path

from lab.i18n import N_, _, percent
from lab.model.cluster import Row, rows
from lab.model.cluster_summary import SHORTFALL, load_runs, stops, usl
from lab.model.usl import Fit
from lab.report.cluster_charts import cluster_scaling, cores_per_100rps
from lab.report.page import Figure, Table
from lab.report.style import ordered

# The section's texts, marked for the catalog and said with _() where shown.
TITLE = N_("Machines of their own: scaling out, measured")
INTRO = N_(
    """`make bench-cluster ARCH=<arch>` puts every component on a machine of its own: a Linux cgroup whose CPU \
quota is the machine's size, the database and an HAProxy load balancer on machines of theirs. Scaling up gives \
each scaled component one machine n times the size; scaling out gives it n machines of the 1× size behind the \
balancer, round robin; the replica configurations add database hot standbys on machines of their own for the \
reads. Each configuration's capacity is the most a saturation run served. What this emulation leaves out: the \
machines share one memory bus and their hops cross no wire, so a hop costs CPU but no network delay.

The model is calibrated on one machine at light load only (up-1's steps served at no more than 60 % of \
its capacity): each machine's CPU per request, \
split evenly over copies, and each replica taking the reads. A machine serves at most its quota over its demand \
(the bottleneck law); the configuration serves what its slowest machine allows, and that machine is the \
predicted bottleneck. The measured bottleneck is the machine nearest its quota at the capacity step. The \
Universal Scalability Law, X(N) = λN / (1 + σ(N−1) + κN(N−1)), is fitted to scaling out: σ is the share of work \
that queues for something shared, κ the cost of copies keeping each other coherent."""
)
STOP_RULE = N_(
    "Where each architecture stops scaling: the first configuration whose speed-up falls more than {shortfall} "
    "short of its ideal (n machines, n times one), with the machine that held it back."
)
HEADERS = [
    N_("configuration"),
    N_("machines"),
    N_("cores"),
    N_("capacity req/s"),
    N_("speed-up vs one machine"),
    N_("bottleneck"),
    N_("predicted req/s"),
    N_("error %"),
    N_("predicted bottleneck"),
    N_("at the machine's speed req/s"),
    N_("error at its speed %"),
    N_("MVA check req/s"),
]


def load_cluster(results_dir: Path) -> dict[str, list[Row]]:
    """Each architecture's configurations as table rows, from whatever cluster runs exist."""
    return {label: rows(runs) for label, runs in load_runs(results_dir).items()}


def intro(found: dict[str, list[Row]]) -> str:
    """The section's text, with where each architecture stops scaling, from its rows."""
    where = [f"{label}: {' '.join(stops(found[label]))}" for label in ordered(found) if stops(found[label])]
    text = _(INTRO)
    return "\n\n".join([text, _(STOP_RULE).format(shortfall=percent(SHORTFALL)), *where]) if where else text


def figures(found: dict[str, list[Row]], out: Path) -> list[Figure]:
    """Capacity against machines per architecture, and cores per 100 req/s of every configuration."""
    if not any(found.values()):
        return []
    fits = {label: usl(rows) for label, rows in found.items()}
    return [
        Figure(
            cluster_scaling(found, fits, out / "cluster_scaling.png"),
            _(
                "Capacity against machines: scaled up and out, the ideal n × one machine, the model (hollow) "
                "and the USL"
            ),
            _(
                "Each point is named after the machine nearest its quota there: where the line bends away from the "
                "ideal, that machine is why."
            ),
        ),
        Figure(
            cores_per_100rps(found, out / "cluster_cores_per_100rps.png"),
            _("Cores per 100 req/s: cloning the whole monolith against copying only the services that need it"),
            _(
                "Every quota counts, the database's and the balancer's too: a configuration that adds machines "
                "without adding capacity climbs."
            ),
        ),
    ]


def architecture_table(label: str, found: list[Row]) -> Table:
    table = [
        [
            row.configuration,
            row.machines,
            row.cores,
            row.capacity_rps,
            row.speedup,
            row.bottleneck,
            row.predicted_rps,
            row.error_percent,
            row.predicted_bottleneck,
            row.at_speed_rps,
            row.at_speed_error_percent,
            row.mva_rps,
        ]
        for row in found
    ]
    note = _(
        "Cores: the sum of every machine's quota. At the machine's speed: the prediction rescaled by how fast one "
        "fixed piece of work ran during the capacity step against the light steps. MVA check: the model's "
        "throughput at the users of the capacity step."
    )
    caption = _("{label}: each configuration measured, and predicted from up-1's light steps").format(label=label)
    return Table(caption, [_(header) for header in HEADERS], table, note)


def usl_table(found: dict[str, list[Row]]) -> Table:
    table = []
    for label in ordered(found):
        fit = usl(found[label])
        if isinstance(fit, Fit):
            table.append([label, fit.points, fit.lam, fit.sigma, fit.kappa, fit.peak_n, fit.residual_rps, ""])
        else:
            table.append([label, None, None, None, None, None, None, fit])
    headers = [_("architecture"), _("points"), _("λ req/s"), "σ", "κ", _("peak at N"), _("residual req/s"), _("note")]
    return Table(_("The Universal Scalability Law fitted to scaling out (up-1, out-2, out-4, out-8)"), headers, table)


def tables(found: dict[str, list[Row]]) -> list[Table]:
    """A table per architecture, then the USL's parameters of each."""
    if not any(found.values()):
        return []
    return [architecture_table(label, found[label]) for label in ordered(found)] + [usl_table(found)]

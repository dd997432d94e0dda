"""`make report`: charts and results/index.html from whatever results exist, running nothing."""

from datetime import UTC, datetime
from pathlib import Path

from lab.i18n import N_, _
from lab.model.projection import SLO_S
from lab.report import (
    cap_section,
    charts,
    cluster_section,
    fault_section,
    micro_section,
    model_tables,
    open_comparison,
    open_section,
    replica_section,
    tables,
    texts,
    trace_section,
)
from lab.report.load_charts import latency_chart, throughput_chart
from lab.report.machine_figures import cpu_figures, scaling_figures
from lab.report.measured import measured_points, steps
from lab.report.model_section import model_parts
from lab.report.page import Figure, Section, render_page
from lab.report.results import load
from lab.report.summary import summary
from loadtests.saturation import MAX_FAILURE_RATIO, MIN_GROWTH_SHARE, P95_LIMIT_MS


def _missing(sentence: str, command: str) -> str:
    """A missing-section line: `sentence` is a translated "No ... yet: run {command}."."""
    return sentence.format(command=command)


def _bench() -> str:
    return _("make bench-<arch> (6-7 minutes), or make demo for all four at once (7 minutes)")


def build_report(results_dir: Path) -> Path:
    """Draw every chart into results_dir and write results_dir/index.html; return the page."""
    results = load(results_dir)
    out = results_dir
    points = {label: measured_points(results, label) for label in results.labels}
    curves = {label: steps(results, label) for label in results.labels if steps(results, label)}
    model = model_parts(results, out)
    fault_runs = fault_section.load_faults(results_dir)
    cap_runs = cap_section.load_cap(results_dir)
    traces = trace_section.load_traces(results_dir)
    micro = micro_section.load_micro(results_dir)
    cluster = cluster_section.load_cluster(results_dir)
    staircases, overloads = open_comparison.load_open(results_dir)
    experiments = {
        N_("scaling runs"): sum(map(len, results.scaling.values())),
        N_("cluster configurations"): sum(map(len, cluster.values())),
        N_("fault runs"): sum(map(len, fault_runs.values())),
        N_("traced architectures"): len(traces),
        N_("CAP runs"): sum(map(len, cap_runs.values())),
        N_("micro-bench"): int(bool(micro)),
        N_("open-loop runs"): len(staircases),
        N_("overload runs"): len(overloads),
    }
    users_figures, hockey = [], []
    if any(points.values()):
        users_figures = [
            Figure(
                throughput_chart(points, out / "throughput_vs_users.png"),
                _("Requests served per second: a 45° line while the architecture keeps up, flat once saturated"),
            ),
            Figure(
                latency_chart(points, out / "latency_vs_users.png"),
                _("Response times stay flat until the machine saturates (p50 dotted, p95 dashed, p99 solid)"),
            ),
        ]
    if curves:
        path = charts.latency_vs_throughput(curves, 1000 * SLO_S, out / "latency_vs_throughput.png", P95_LIMIT_MS)
        rule = texts.slo_and_saturation_rule(1000 * SLO_S, P95_LIMIT_MS, MAX_FAILURE_RATIO, MIN_GROWTH_SHARE)
        hockey = [
            Figure(path, _("The knee is the capacity: points move right while there is room, then straight up"), rule)
        ]
    bench = _bench()
    sections = [
        Section(_("About this page"), _(texts.INTRO), id="about-this-page"),
        Section(
            _("Throughput and latency against users"),
            _(texts.USERS),
            users_figures,
            [tables.summary(results)],
            missing=_missing(_("No bench run yet: run {command}."), bench),
            id="throughput-and-latency-against-users",
        ),
        Section(
            _("Latency against throughput: the hockey stick"),
            _(texts.HOCKEY),
            hockey,
            [tables.saturation_steps(results)],
            missing=_missing(_("No saturation run yet: run {command}."), bench),
            id="latency-against-throughput-the-hockey-stick",
        ),
        Section(
            _("A million users: the queueing model"),
            "",
            model.curves,
            id="model",
            missing=_missing(_("No run to calibrate the model on yet: run {command}."), bench),
        ),
        Section(
            _("Model validation"),
            _(texts.VALIDATION),
            [],
            model.validation,
            missing=_missing(_("No run to judge the model on yet: run {command}."), bench),
            id="model-validation",
        ),
        Section(
            _("Cores needed"),
            "",
            model.cores,
            model.capacity,
            id="cores-needed",
            missing=_missing(_("No model yet: run {command}."), bench),
        ),
        Section(
            _("Where the CPU goes, and the framework floor"),
            "",
            cpu_figures(results, out),
            missing=_missing(_("No bench run yet: run {command}."), bench),
            id="where-the-cpu-goes-and-the-framework-floor",
        ),
        Section(
            _("One endpoint flat out: the shared path and the price of a hop"),
            _(micro_section.INTRO),
            [],
            [micro_section.table(micro), micro_section.hops(micro), micro_section.proof(micro)],
            id="micro",
            missing=_missing(
                _("No micro-bench yet: run {command}."), _("make bench-micro (about 13 minutes; it needs wrk)")
            ),
        ),
        Section(
            _("One request, four architectures"),
            _(trace_section.INTRO),
            trace_section.figures(traces, out),
            [
                trace_section.table(traces, "order"),
                trace_section.table(traces, "book page"),
                trace_section.cost(results_dir),
            ],
            id="traces",
            missing=_missing(_("No traced visit yet: run {command}."), _("make trace-all (about a minute)")),
        ),
        Section(
            _("Scaling up against scaling out"),
            _(texts.SCALING),
            scaling_figures(results, out),
            model.paths,
            missing=_missing(
                _("No scaling run yet: run {command}."), _("make bench-scaling ARCH=<arch> (about 5 minutes)")
            ),
            id="scaling-up-against-scaling-out",
        ),
        Section(
            _(cluster_section.TITLE),
            cluster_section.intro(cluster),
            cluster_section.figures(cluster, out),
            cluster_section.tables(cluster),
            id="cluster",
            missing=_missing(
                _("No cluster run yet: run {command}."), _("make bench-cluster ARCH=<arch> (about 10 minutes)")
            ),
        ),
        Section(
            _("Scaling out the data: read replicas"),
            _(replica_section.INTRO),
            [],
            [
                replica_section.modes_side_by_side(results),
                model_tables.validation(replica_section.predicted_from_unreplicated(results), {}),
                replica_section.million(results),
            ],
            id="replicas",
            missing=_missing(
                _("No replica run yet: run {command}."), _("make bench-replicas ARCH=three_tier (about 25 minutes)")
            ),
        ),
        Section(
            _("Per endpoint and failures"),
            "",
            [],
            [tables.endpoint_p95(results), tables.failures(results)],
            missing=_missing(_("No bench run yet: run {command}."), bench),
            id="per-endpoint-and-failures",
        ),
        Section(
            _("Faults: what kept working, and was anything lost"),
            _(fault_section.FAULTS),
            fault_section.figures(fault_runs, out),
            [fault_section.table(fault_runs)],
            id="faults",
            missing=_missing(
                _("No fault run yet: run {command}."),
                _("make chaos-all (about 20 minutes), or make chaos-<arch> for one"),
            ),
        ),
        Section(
            _(open_section.OPEN_TITLE),
            _(open_section.OPEN_INTRO),
            open_section.open_figures(staircases, results, out),
            [open_section.tail_table(staircases, results_dir), open_section.open_table(staircases)],
            id="open-loop",
            missing=_missing(
                _("No open-loop run yet: run {command}."), _("make bench-open ARCH=<arch> (about 3 minutes)")
            ),
        ),
        Section(
            _(open_section.OVERLOAD_TITLE),
            _(open_section.OVERLOAD_INTRO),
            open_section.overload_figures(overloads, out),
            [open_section.overload_table(overloads)],
            id="overload",
            missing=_missing(
                _("No overload run yet: run {command}."),
                _("make overload-all (about 8 minutes), or make overload ARCH=<arch>"),
            ),
        ),
        Section(
            _("Is scaling out easy? The CAP trade-off, measured"),
            cap_section.intro(cap_runs),
            cap_section.figures(cap_runs, out),
            [cap_section.table(cap_runs)],
            id="cap",
            missing=_missing(_("No CAP run yet: run {command}."), _("make cap-all (as root, about 5 minutes)")),
        ),
        Section(_("Environment"), "", [], [tables.environment(results)], id="environment", missing=_("No run yet.")),
        Section(_("Method and caveats"), _(texts.METHOD), id="method-and-caveats"),
    ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page(
        _("Architecture lab: scaling report"), sections, out / "index.html", generated, summary(results, experiments)
    )

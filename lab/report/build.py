"""`make report`: charts and results/index.html from whatever results exist, running nothing."""

from datetime import UTC, datetime
from pathlib import Path

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


def _missing(what: str, command: str) -> str:
    return f"No {what} yet: run {command}."


BENCH = "make bench-<arch> (6-7 minutes), or make demo for all four at once (7 minutes)"


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
        "scaling runs": sum(map(len, results.scaling.values())),
        "cluster configurations": sum(map(len, cluster.values())),
        "fault runs": sum(map(len, fault_runs.values())),
        "traced architectures": len(traces),
        "CAP runs": sum(map(len, cap_runs.values())),
        "micro-bench": int(bool(micro)),
        "open-loop runs": len(staircases),
        "overload runs": len(overloads),
    }
    users_figures, hockey = [], []
    if any(points.values()):
        users_figures = [
            Figure(
                throughput_chart(points, out / "throughput_vs_users.png"),
                "Requests served per second: a 45° line while the architecture keeps up, flat once saturated",
            ),
            Figure(
                latency_chart(points, out / "latency_vs_users.png"),
                "Response times stay flat until the machine saturates (p50 dotted, p95 dashed, p99 solid)",
            ),
        ]
    if curves:
        path = charts.latency_vs_throughput(curves, 1000 * SLO_S, out / "latency_vs_throughput.png", P95_LIMIT_MS)
        rule = texts.slo_and_saturation_rule(1000 * SLO_S, P95_LIMIT_MS, MAX_FAILURE_RATIO, MIN_GROWTH_SHARE)
        hockey = [
            Figure(path, "The knee is the capacity: points move right while there is room, then straight up", rule)
        ]
    sections = [
        Section("About this page", texts.INTRO),
        Section(
            "Throughput and latency against users",
            texts.USERS,
            users_figures,
            [tables.summary(results)],
            missing=_missing("bench run", BENCH),
        ),
        Section(
            "Latency against throughput: the hockey stick",
            texts.HOCKEY,
            hockey,
            [tables.saturation_steps(results)],
            missing=_missing("saturation run", BENCH),
        ),
        Section(
            "A million users: the queueing model",
            "",
            model.curves,
            id="model",
            missing=_missing("run to calibrate the model on", BENCH),
        ),
        Section(
            "Model validation",
            texts.VALIDATION,
            [],
            model.validation,
            missing=_missing("run to judge the model on", BENCH),
        ),
        Section("Cores needed", "", model.cores, model.capacity, missing=_missing("model", BENCH)),
        Section(
            "Where the CPU goes, and the framework floor",
            "",
            cpu_figures(results, out),
            missing=_missing("bench run", BENCH),
        ),
        Section(
            "One endpoint flat out: the shared path and the price of a hop",
            micro_section.INTRO,
            [],
            [micro_section.table(micro), micro_section.hops(micro), micro_section.proof(micro)],
            id="micro",
            missing=_missing("micro-bench", "make bench-micro (about 13 minutes; it needs wrk)"),
        ),
        Section(
            "One request, four architectures",
            trace_section.INTRO,
            trace_section.figures(traces, out),
            [
                trace_section.table(traces, "order"),
                trace_section.table(traces, "book page"),
                trace_section.cost(results_dir),
            ],
            id="traces",
            missing=_missing("traced visit", "make trace-all (about a minute)"),
        ),
        Section(
            "Scaling up against scaling out",
            texts.SCALING,
            scaling_figures(results, out),
            model.paths,
            missing=_missing("scaling run", "make bench-scaling ARCH=<arch> (about 5 minutes)"),
        ),
        Section(
            cluster_section.TITLE,
            cluster_section.intro(cluster),
            cluster_section.figures(cluster, out),
            cluster_section.tables(cluster),
            id="cluster",
            missing=_missing("cluster run", "make bench-cluster ARCH=<arch> (about 10 minutes)"),
        ),
        Section(
            "Scaling out the data: read replicas",
            replica_section.INTRO,
            [],
            [
                replica_section.modes_side_by_side(results),
                model_tables.validation(replica_section.predicted_from_unreplicated(results), {}),
                replica_section.million(results),
            ],
            id="replicas",
            missing=_missing("replica run", "make bench-replicas ARCH=three_tier (about 25 minutes)"),
        ),
        Section(
            "Per endpoint and failures",
            "",
            [],
            [tables.endpoint_p95(results), tables.failures(results)],
            missing=_missing("bench run", BENCH),
        ),
        Section(
            "Faults: what kept working, and was anything lost",
            fault_section.FAULTS,
            fault_section.figures(fault_runs, out),
            [fault_section.table(fault_runs)],
            id="faults",
            missing=_missing("fault run", "make chaos-all (about 20 minutes), or make chaos-<arch> for one"),
        ),
        Section(
            open_section.OPEN_TITLE,
            open_section.OPEN_INTRO,
            open_section.open_figures(staircases, results, out),
            [open_section.tail_table(staircases, results_dir), open_section.open_table(staircases)],
            id="open-loop",
            missing=_missing("open-loop run", "make bench-open ARCH=<arch> (about 3 minutes)"),
        ),
        Section(
            open_section.OVERLOAD_TITLE,
            open_section.OVERLOAD_INTRO,
            open_section.overload_figures(overloads, out),
            [open_section.overload_table(overloads)],
            id="overload",
            missing=_missing("overload run", "make overload-all (about 8 minutes), or make overload ARCH=<arch>"),
        ),
        Section(
            "Is scaling out easy? The CAP trade-off, measured",
            cap_section.intro(cap_runs),
            cap_section.figures(cap_runs, out),
            [cap_section.table(cap_runs)],
            id="cap",
            missing=_missing("CAP run", "make cap-all (as root, about 5 minutes)"),
        ),
        Section("Environment", "", [], [tables.environment(results)], missing="No run yet."),
        Section("Method and caveats", texts.METHOD),
    ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page(
        "Architecture lab: scaling report", sections, out / "index.html", generated, summary(results, experiments)
    )

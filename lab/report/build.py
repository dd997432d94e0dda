"""`make report`: charts and results/index.html from whatever results exist, running nothing."""

from datetime import UTC, datetime
from pathlib import Path

from lab.model.calibration import calibrate
from lab.model.projection import SLO_S, capacity_plans, machine_curve, scaling_paths
from lab.model.validation import explain, validate
from lab.report import cap_section, charts, fault_section, micro_section, replica_section, tables, texts, trace_section
from lab.report.knee_repeats import knee_over_repeats
from lab.report.load_charts import latency_chart, throughput_chart
from lab.report.page import Figure, Section, render_page
from lab.report.results import Results, floor_ms, load, median, server_cpu_ms, spread
from lab.report.style import ordered
from loadtests.profiles import FLAT_PROFILES, SATURATION


def _flat_point(results: Results, label: str, profile: str) -> dict | None:
    repeats = results.repeats(label, profile)
    if not repeats:
        return None
    latency = {k: median([r["totals"]["latency_ms"][k] for r in repeats]) for k in ("mean", "p50", "p95", "p99")}
    spreads = {k: spread([r["totals"]["latency_ms"][k] for r in repeats]) for k in ("mean", "p50", "p95", "p99")}
    throughputs = [r["totals"]["throughput_rps"] for r in repeats]
    spreads |= {"throughput_rps": spread(throughputs), "response_ms": spreads.pop("mean")}
    return {
        "users": repeats[0]["profile"]["users"], "throughput_rps": median(throughputs), "latency_ms": latency,
        "response_ms": latency["mean"], "kind": "profile", "spread": {k: v for k, v in spreads.items() if v},
    }  # fmt: skip


def _steps(results: Results, label: str) -> list[dict]:
    run = results.run(label, SATURATION)
    return [{**s, "response_ms": s["latency_ms"]["mean"], "kind": "step"} for s in (run or {}).get("steps", [])]


def measured_points(results: Results, label: str) -> list[dict]:
    """Flat profiles (medians, with spread) and saturation steps, ordered by users."""
    flat = [p for p in (_flat_point(results, label, profile) for profile in FLAT_PROFILES) if p]
    # Where a profile and a step measured the same users, the profile's longer window speaks for both.
    steps = [step for step in _steps(results, label) if step["users"] not in {p["users"] for p in flat}]
    return sorted(flat + steps, key=lambda point: point["users"])


def _calibration_run(results: Results, label: str) -> dict | None:
    # The projection leans on the heaviest flat load measured: its cost per request is the closest to scale.
    return results.run(label, "users-1000") or results.run(label, "users-100")


def _short_limits(plans: dict[str, list[dict]]) -> dict[str, list[dict]]:
    # A chart has room for what limits a plan, not why: the capacity table gives the numbers.
    return {
        label: [{**p, "limit": p["limit"] and p["limit"].split(":")[0]} for p in found]
        for label, found in plans.items()
    }


def _model(results: Results, out: Path) -> tuple[list[Figure], list, dict]:
    panels, plans, validations, reasons, paths, knees = {}, {}, {}, {}, {}, {}
    for label in results.labels:
        base, light = _calibration_run(results, label), results.run(label, "users-100")
        if not base:
            continue
        try:
            calibration = calibrate(base, light)
        except ValueError as error:  # e.g. a run that measured no request: no model, the rest of the page stands
            print(f"no model for {label}: {error}")
            continue
        panels[label] = {"model": machine_curve(calibration), "measured": measured_points(results, label),
                         "validation_model": machine_curve(calibrate(light)) if light else None}  # fmt: skip
        plans[label] = capacity_plans(calibration, base, base["database"])
        paths[label] = scaling_paths(calibration, base, base["database"])
        if light:
            heavy, saturation = results.run(label, "users-1000"), results.run(label, SATURATION)
            validations[label] = validate(light, heavy, saturation)
            reasons[label] = explain(validations[label], light, heavy)
            knee = knee_over_repeats(results.pairs(label, "users-100", SATURATION))
            if knee:
                knees[label] = knee
    slo_ms = 1000 * SLO_S
    figures = [
        Figure(
            charts.model_vs_measured(panels, out / "model_vs_measured.png"),
            "Measured points over the model, 100 to 1,000,000 users",
            texts.MODEL,
        ),  # fmt: skip
        Figure(
            charts.cores_needed(_short_limits(plans), slo_ms, out / "cores_needed.png"),
            f"Cores needed against users for a mean response time under {slo_ms:.0f} ms",
            texts.CORES,
        ),  # fmt: skip
    ]
    model_tables = [
        tables.validation(validations, reasons), tables.capacity(plans, slo_ms), tables.scaling_paths(paths, slo_ms),
        tables.knee(knees),
    ]  # fmt: skip
    return figures, model_tables, validations


def _cpu(results: Results, out: Path) -> list[Figure]:
    floor = floor_ms(results)
    bars, multiples = [], []
    for label in results.labels:
        for profile in FLAT_PROFILES:
            run = results.run(label, profile)
            if run:
                components = server_cpu_ms(run)
                bars.append({"label": f"{label}\n{profile}", "components": components, "floor_ms": floor,
                             "load_generator_ms": run["cpu_ms_per_request"].get("locust")})  # fmt: skip
                if floor:
                    multiples.append({"label": f"{label} {profile}", "multiple": sum(components.values()) / floor})
    return [
        Figure(
            charts.cpu_breakdown(bars, out / "cpu_per_request.png"), "Where the CPU goes, per edge request", texts.CPU
        ),  # fmt: skip
        Figure(
            charts.floor_multiples(multiples, out / "floor_multiples.png"),
            "Server CPU per request as a multiple of a bare gunicorn + Flask endpoint",
        ),  # fmt: skip
    ]


def _scaling(results: Results, out: Path) -> list[Figure]:
    figures = []
    for label in ordered(results.scaling):
        runs = results.scaling[label]
        points: dict[str, list[dict]] = {"up": [], "out": []}
        for run in sorted(runs, key=lambda r: r["scaling"]["n"]):
            point = {"n": run["scaling"]["n"], "throughput_rps": run["totals"]["throughput_rps"],
                     "p95_ms": run["totals"]["latency_ms"]["p95"]}  # fmt: skip
            points[run["scaling"]["mode"]].append(point)
        points["out"] = [p for p in points["up"] if p["n"] == 1] + points["out"]  # one instance of one worker is both
        component = runs[0]["scaling"]["component"]
        cores = runs[0]["machine"]["cores"]
        path = charts.scaling(f"{label}: {component}", points, cores, out / f"scaling_{label}.png")
        figures.append(Figure(path, f"{label}: the {component} scaled up and scaled out under 1,500 users"))
    return figures


def build_report(results_dir: Path) -> Path:
    """Draw every chart into results_dir and write results_dir/index.html; return the page."""
    results = load(results_dir)
    out = results_dir
    points = {label: measured_points(results, label) for label in results.labels}
    curves = {label: _steps(results, label) for label in results.labels if _steps(results, label)}
    model_figures, model_tables, _ = _model(results, out)
    fault_runs = fault_section.load_faults(results_dir)
    cap_runs = cap_section.load_cap(results_dir)
    traces = trace_section.load_traces(results_dir)
    micro = micro_section.load_micro(results_dir)
    sections = [
        Section("About this page", texts.INTRO),
        Section(
            "Throughput and latency against users",
            texts.USERS,
            [
                Figure(throughput_chart(points, out / "throughput_vs_users.png"), "Throughput against users"),
                Figure(latency_chart(points, out / "latency_vs_users.png"), "p50, p95 and p99 latency against users"),
            ],
            [tables.summary(results)],
        ),  # fmt: skip
        Section(
            "Latency against throughput: the hockey stick",
            texts.HOCKEY,
            [
                Figure(
                    charts.latency_vs_throughput(curves, 1000 * SLO_S, out / "latency_vs_throughput.png"),
                    "Response time against throughput, one curve per architecture",
                ),
            ],
            [tables.saturation_steps(results)],
        ),  # fmt: skip
        Section("A million users: the queueing model", "", model_figures[:1], id="model"),
        Section("Model validation", texts.VALIDATION, [], [model_tables[0], model_tables[3]]),
        Section("Cores needed", "", model_figures[1:], model_tables[1:2]),
        Section("Where the CPU goes, and the framework floor", "", _cpu(results, out)),
        Section("One endpoint flat out: the shared path and the price of a hop", micro_section.INTRO, [],
                [micro_section.table(micro), micro_section.hops(micro)], id="micro"),  # fmt: skip
        Section(
            "One request, four architectures", trace_section.INTRO, trace_section.figures(traces, out),
            [trace_section.table(traces, "order"), trace_section.table(traces, "book page"),
             trace_section.cost(results_dir)], id="traces",
        ),  # fmt: skip
        Section("Scaling up against scaling out", texts.SCALING, _scaling(results, out), model_tables[2:3]),
        Section(
            "Scaling out the data: read replicas", replica_section.INTRO, [],
            [replica_section.modes_side_by_side(results),
             tables.validation(replica_section.predicted_from_unreplicated(results), {}),
             replica_section.million(results)], id="replicas",
        ),  # fmt: skip
        Section(
            "Per endpoint and failures",
            "",
            [],
            [
                *(tables.endpoint_p95(results, profile) for profile in FLAT_PROFILES),
                tables.failures(results),
            ],
        ),  # fmt: skip
        Section(
            "Faults: what kept working, and was anything lost", fault_section.FAULTS,
            fault_section.figures(fault_runs, out), [fault_section.table(fault_runs)], id="faults",
        ),  # fmt: skip
        Section(
            "Is scaling out easy? The CAP trade-off, measured", cap_section.intro(cap_runs),
            cap_section.figures(cap_runs, out), [cap_section.table(cap_runs)], id="cap",
        ),  # fmt: skip
        Section("Environment", "", [], [tables.environment(results)]),
        Section("Method and caveats", texts.METHOD),
    ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page("Architecture lab: scaling report", sections, out / "index.html", generated)

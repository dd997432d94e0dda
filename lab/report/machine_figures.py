"""What the runs on one machine show of cost: where the CPU goes, and scaling a component up against out."""

from pathlib import Path

from lab.i18n import _
from lab.report import charts, texts
from lab.report.page import Figure
from lab.report.results import Results, floor_ms, server_cpu_ms
from lab.report.style import ordered
from loadtests.profiles import FLAT_PROFILES


def cpu_figures(results: Results, out: Path) -> list[Figure]:
    """Where the CPU of one request goes, process by process, and as a multiple of the framework floor."""
    floor = floor_ms(results)
    bars, multiples = [], []
    for label in results.labels:
        for profile in FLAT_PROFILES:
            run = results.run(label, profile)
            if run:
                components = server_cpu_ms(run)
                bars.append(
                    {
                        "label": f"{label}\n{profile}",
                        "components": components,
                        "floor_ms": floor,
                        "load_generator_ms": run.cpu_ms_per_request.get("locust"),
                    }
                )
                if floor:
                    multiples.append({"label": f"{label} {profile}", "multiple": sum(components.values()) / floor})
    if not bars:
        return []
    return [
        Figure(
            charts.cpu_breakdown(bars, out / "cpu_per_request.png"),
            _("Every process boundary costs CPU: stacked by process, the load generator beside, the floor dashed"),
            _(texts.CPU),
        ),
        Figure(
            charts.floor_multiples(multiples, out / "floor_multiples.png"),
            _("How many bare gunicorn + Flask endpoints one request of each architecture costs"),
        ),
    ]


def scaling_figures(results: Results, out: Path) -> list[Figure]:
    """Each architecture's scalable component, scaled up against scaled out under one fixed load."""
    figures = []
    for label in ordered(results.scaling):
        runs = results.scaling[label]
        points: dict[str, list[dict]] = {"up": [], "out": []}
        for run in sorted(runs, key=lambda r: r.scaling.n):
            point = {
                "n": run.scaling.n,
                "throughput_rps": run.totals.throughput_rps,
                "p95_ms": run.totals.latency_ms.p95,
            }
            points[run.scaling.mode].append(point)
        points["out"] = [p for p in points["up"] if p["n"] == 1] + points["out"]  # one instance of one worker is both
        component, cores = runs[0].scaling.component, runs[0].machine.cores
        path = charts.scaling(f"{label}: {component}", points, cores, out / f"scaling_{label}.png")
        caption = _("{label}: the {component} scaled up and scaled out under 1,500 users")
        figures.append(Figure(path, caption.format(label=label, component=component)))
    return figures

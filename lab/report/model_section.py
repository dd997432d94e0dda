"""What the queueing model adds to the report: its curves, its verdicts, the cores it plans, where scaling leads."""

from dataclasses import dataclass, field
from pathlib import Path

from lab.i18n import _
from lab.model.calibration import calibrate
from lab.model.cluster_summary import scale_out_basis
from lab.model.projection import SLO_S, capacity_plans, machine_curve, scaling_paths
from lab.model.validation import explain, validate
from lab.records import RunRecord
from lab.report import charts, model_tables, texts
from lab.report.knee_repeats import knee_over_repeats
from lab.report.measured import measured_points
from lab.report.page import Figure, Table
from lab.report.results import Results
from loadtests.profiles import SATURATION


def _calibration_run(results: Results, label: str) -> RunRecord | None:
    # The projection leans on the heaviest flat load measured: its cost per request is the closest to scale.
    return results.run(label, "users-1000") or results.run(label, "users-100")


def _short_limits(plans: dict[str, list[dict]]) -> dict[str, list[dict]]:
    # A chart has room for what limits a plan, not why: the capacity table gives the numbers.
    return {
        label: [{**p, "limit": p["limit"] and _(p["limit"].split(":")[0])} for p in found]
        for label, found in plans.items()
    }


@dataclass
class ModelParts:
    """What the queueing model adds to the page, by the section it goes in."""

    curves: list[Figure] = field(default_factory=list)
    validation: list[Table] = field(default_factory=list)
    cores: list[Figure] = field(default_factory=list)
    capacity: list[Table] = field(default_factory=list)
    paths: list[Table] = field(default_factory=list)


def model_parts(results: Results, out: Path) -> ModelParts:
    """Calibrate on each architecture's runs, then draw and tabulate what the model says."""
    panels, plans, validations, reasons, paths, knees = {}, {}, {}, {}, {}, {}
    for label in results.labels:
        base, light = _calibration_run(results, label), results.run(label, "users-100")
        if not base:
            continue
        try:
            calibration = calibrate(base, light)
        except ValueError as error:  # e.g. a run that measured no request: no model, the rest of the page stands
            print(_("no model for {label}: {error}").format(label=label, error=error))
            continue
        panels[label] = {
            "model": machine_curve(calibration),
            "measured": measured_points(results, label),
            "validation_model": machine_curve(calibrate(light)) if light else None,
        }
        plans[label] = capacity_plans(calibration, base, base.database)
        paths[label] = scaling_paths(calibration, base, base.database)
        if light:
            heavy, saturation = results.run(label, "users-1000"), results.run(label, SATURATION)
            validations[label] = validate(light, heavy, saturation)
            reasons[label] = explain(validations[label], light, heavy)
            knee = knee_over_repeats(results.pairs(label, "users-100", SATURATION))
            if knee:
                knees[label] = knee
    if not panels:
        return ModelParts()
    slo_ms = 1000 * SLO_S
    curves = charts.model_vs_measured(panels, out / "model_vs_measured.png")
    measured = {label: [(p["users"], p["response_ms"]) for p in panels[label]["measured"]] for label in panels}
    cores = charts.cores_needed(_short_limits(plans), slo_ms, out / "cores_needed.png", _cores_here(results), measured)
    return ModelParts(
        [
            Figure(
                curves,
                _("Measured points (o runs, x saturation steps) over the model's curves, out to a million users"),
                _(texts.MODEL),
            )
        ],
        [model_tables.validation(validations, reasons), model_tables.knee(knees), model_tables.knee_machine(knees)],
        [
            Figure(
                cores,
                _(
                    "Stars: what this machine served on its shared cores; circles: the model's plan, a machine "
                    "per component"
                ),
                _(texts.CORES),
            )
        ],
        [model_tables.capacity(plans, slo_ms, scale_out_basis(results.folder))],
        [model_tables.scaling_paths(paths, slo_ms)],
    )


def _cores_here(results: Results) -> int:
    newest = results.newest()
    return newest.machine.cores if newest else 2

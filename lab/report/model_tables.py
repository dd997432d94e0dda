"""The model's tables: its verdicts against the runs, the knee, the capacity plans and where scaling leads."""

from lab.model.load_dependent import KNEE_AIM
from lab.model.projection import MAX_CORES_ONE_MACHINE
from lab.model.validation import AIM, error
from lab.report.page import Table
from lab.report.results import spread


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:+.0%}"


def _verdict(row: dict) -> str:
    hits = [e is not None and abs(e) <= AIM for e in (row["throughput_error"], row["response_error"])]
    return {(True, True): "both", (True, False): "throughput only", (False, True): "mean time only"}.get(
        tuple(hits), "neither"
    )


def validation(rows_by_label: dict[str, list[dict]], reasons: dict[str, str]) -> Table:
    """Predicted against measured, calibrated on users-100 alone; a verdict per row, a reason per architecture."""
    rows = []
    for label, rows_of_label in rows_by_label.items():
        for row in rows_of_label:
            rows.append(
                [
                    label,
                    row["load"],
                    row["measured_rps"],
                    row["predicted_rps"],
                    _percent(row["throughput_error"]),
                    row["measured_ms"],
                    row["predicted_ms"],
                    _percent(row["response_error"]),
                    _verdict(row),
                ]
            )
    headers = [
        "architecture",
        "load",
        "measured req/s",
        "model req/s",
        "error",
        "measured mean ms",
        "model mean ms",
        "error",
        f"within {AIM:.0%}",
    ]
    note = "\n\n".join(f"Why {label} misses: {reason}." for label, reason in reasons.items() if reason)
    return Table(
        "Model validation: calibrated on users-100 only, predicting users-1000 and every saturation step",
        headers,
        rows,
        note=note,
    )


def knee(rows_by_label: dict[str, dict]) -> Table:
    """The knee predicted with load-dependent demands against the saturation steps after the calibration."""
    rows = []
    for label, row in rows_by_label.items():
        knee_error = error(row["predicted_knee_rps"], row["measured_knee_rps"])
        p95_error = error(row["predicted_p95_ms"], row["measured_p95_ms"]) if row["measured_p95_ms"] else None
        hits = [abs(e) <= KNEE_AIM for e in (knee_error, p95_error) if e is not None]
        rows.append(
            [
                label,
                row["calibrated_on"],
                row["knee_users"],
                row["measured_knee_rps"],
                row["predicted_knee_rps"],
                _percent(knee_error),
                _error_range(row.get("knee_errors")),
                row["before_users"],
                row["measured_p95_ms"],
                row["predicted_p95_ms"],
                _percent(p95_error),
                "yes" if all(hits) and p95_error is not None else "no",
            ]
        )
    headers = [
        "architecture",
        "calibrated on",
        "knee at users",
        "measured req/s",
        "model req/s",
        "error",
        "error, repeat by repeat",
        "step before (users)",
        "measured p95 ms there",
        "model p95 ms",
        "error",
        f"within {KNEE_AIM:.0%}",
    ]
    note = (
        "The knee: the saturation step with the most throughput. The model takes the CPU per request as "
        "a + b/throughput for every process (lab/model/load_dependent.py), fitted through users-100 and the "
        "first step only, so the knee and the step before it are predictions of what it never saw; the p95 is "
        "the model's mean times the p95/mean ratio of that first step. With repeated runs (make bench-knee, "
        "or REPEAT=N), each repeat is predicted from its own users-100 and first step; the row compares the "
        "medians and shows each repeat's error."
    )
    return Table("The knee, predicted from two light loads", headers, rows, note=note)


def knee_machine(rows_by_label: dict[str, dict]) -> Table:
    """How busy the machine was at the knee, how fast it ran, and the knee predicted at that speed."""
    rows = []
    for label, row in rows_by_label.items():
        at_its_speed = row.get("predicted_knee_rps_at_its_speed")  # None where the machine was not timed
        reference = row.get("reference_work_ms") or [None] * 3  # a row built without it
        rows.append(
            [
                label,
                row.get("processes_busy_cores"),
                row.get("machine_busy_cores"),
                *reference,
                at_its_speed,
                _percent(error(at_its_speed, row["measured_knee_rps"]) if at_its_speed else None),
            ]
        )
    headers = [
        "architecture",
        "cores busy at the knee: processes",
        "cores busy: the whole machine",
        "reference work ms at users-100",
        "at the first step",
        "at the knee",
        "model req/s at the knee's speed",
        "error at the knee's speed",
    ]
    note = (
        "Cores busy: the servers' and Locust's process trees, then the whole machine (kernel work and the "
        "lab's own watching included); 2 on this machine is all of it. Reference work: the CPU milliseconds "
        "one fixed piece of work took meanwhile (lab/load/reference_work.py); where it differs, the machine's "
        "own speed moved between calibration and knee. At the knee's speed: both light loads' CPU rescaled by "
        "those times before the same fit, a diagnostic; the verdict above stays on the model as measured."
    )
    return Table("The machine at the knee: how busy, how fast", headers, rows, note=note)


def _error_range(errors: list[float | None] | None) -> str | None:
    found = spread(errors or [])
    return f"{found[0]:+.0%} to {found[1]:+.0%}" if found else None


def capacity(plans_by_label: dict[str, list[dict]], slo_ms: float, basis: str = "") -> Table:
    """Cores and replicas the model needs at each population, or why no plan meets the SLO."""
    rows = []
    for label, plans in plans_by_label.items():
        for plan in plans:
            replicas = ", ".join(f"{name} {n}" for name, n in plan["replicas"].items())
            rows.append(
                [
                    label,
                    plan["users"],
                    plan["total_cores"] if plan["feasible"] else None,
                    replicas,
                    plan["throughput"],
                    1000 * plan["response_s"],
                    plan["limit"] or "",
                    plan.get("cores_if_database_split"),
                ]
            )
    headers = [
        "architecture",
        "users",
        "cores",
        "instances per component",
        "req/s",
        "model mean ms",
        "limit",
        "cores with a database that scales out",
    ]
    return Table(f"Capacity plans for a mean response time under {slo_ms:.0f} ms", headers, rows, note=basis)


def scaling_paths(paths: dict[str, dict], slo_ms: float) -> Table:
    """How far scaling up and scaling out take each architecture, by the model."""
    rows = [
        [label, found["up_rps"], found["up_users"], found["out_rps"], found["out_users"], found["out_limit"]]
        for label, found in paths.items()
    ]
    headers = ["architecture", "up: req/s", "up: users", "out: req/s", "out: users", "out: what stops it"]
    return Table(
        f"Where each path leads (model; users within a {slo_ms:.0f} ms mean response time)",
        headers,
        rows,
        note=f"Up: the whole architecture on one machine of {MAX_CORES_ONE_MACHINE} cores. Out: instances "
        "added to every part that scales out, until one that cannot (a database primary of "
        f"{MAX_CORES_ONE_MACHINE} cores, SQLite's write lock) saturates.",
    )

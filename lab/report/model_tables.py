"""The model's tables: its verdicts against the runs, the knee, the capacity plans and where scaling leads."""

from lab.i18n import _, number, percent
from lab.model.load_dependent import KNEE_AIM
from lab.model.projection import MAX_CORES_ONE_MACHINE
from lab.model.validation import AIM, error
from lab.report.page import Table
from lab.report.results import spread


def _percent(value: float | None) -> str | None:
    """A signed share as a percentage, +5% or -12%, in the language spoken now."""
    return None if value is None else ("+" if value >= 0 else "-") + percent(abs(value))


def _verdict(row: dict) -> str:
    hits = [e is not None and abs(e) <= AIM for e in (row["throughput_error"], row["response_error"])]
    verdicts = {(True, True): _("both"), (True, False): _("throughput only"), (False, True): _("mean time only")}
    return verdicts.get(tuple(hits), _("neither"))


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
        _("architecture"),
        _("load"),
        _("measured req/s"),
        _("model req/s"),
        _("error"),
        _("measured mean ms"),
        _("model mean ms"),
        _("error"),
        _("within {aim}").format(aim=percent(AIM)),
    ]
    why = _("Why {label} misses: {reason}.")
    note = "\n\n".join(why.format(label=label, reason=reason) for label, reason in reasons.items() if reason)
    return Table(
        _("Model validation: calibrated on users-100 only, predicting users-1000 and every saturation step"),
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
                _("yes") if all(hits) and p95_error is not None else _("no"),
            ]
        )
    headers = [
        _("architecture"),
        _("calibrated on"),
        _("knee at users"),
        _("measured req/s"),
        _("model req/s"),
        _("error"),
        _("error, repeat by repeat"),
        _("step before (users)"),
        _("measured p95 ms there"),
        _("model p95 ms"),
        _("error"),
        _("within {aim}").format(aim=percent(KNEE_AIM)),
    ]
    note = _(
        "The knee: the saturation step with the most throughput. The model takes the CPU per request as "
        "a + b/throughput for every process (lab/model/load_dependent.py), fitted through users-100 and the "
        "first step only, so the knee and the step before it are predictions of what it never saw; the p95 is "
        "the model's mean times the p95/mean ratio of that first step. With repeated runs (make bench-knee, "
        "or REPEAT=N), each repeat is predicted from its own users-100 and first step; the row compares the "
        "medians and shows each repeat's error."
    )
    return Table(_("The knee, predicted from two light loads"), headers, rows, note=note)


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
        _("architecture"),
        _("cores busy at the knee: processes"),
        _("cores busy: the whole machine"),
        _("reference work ms at users-100"),
        _("at the first step"),
        _("at the knee"),
        _("model req/s at the knee's speed"),
        _("error at the knee's speed"),
    ]
    note = _(
        "Cores busy: the servers' and Locust's process trees, then the whole machine (kernel work and the "
        "lab's own watching included); 2 on this machine is all of it. Reference work: the CPU milliseconds "
        "one fixed piece of work took meanwhile (lab/load/reference_work.py); where it differs, the machine's "
        "own speed moved between calibration and knee. At the knee's speed: both light loads' CPU rescaled by "
        "those times before the same fit, a diagnostic; the verdict above stays on the model as measured."
    )
    return Table(_("The machine at the knee: how busy, how fast"), headers, rows, note=note)


def _error_range(errors: list[float | None] | None) -> str | None:
    found = spread(errors or [])
    return _("{low} to {high}").format(low=_percent(found[0]), high=_percent(found[1])) if found else None


def capacity(plans_by_label: dict[str, list[dict]], slo_ms: float, basis: str = "") -> Table:
    """Cores and replicas the model needs at each population, or why no plan meets the SLO."""
    rows = []
    for label, plans in plans_by_label.items():
        for plan in plans:
            # Tier names are the model's identifiers; the two written in words are translated (lab/model/projection.py).
            replicas = ", ".join(f"{_(name)} {number(n)}" for name, n in plan["replicas"].items())
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
        _("architecture"),
        _("users"),
        _("cores"),
        _("instances per component"),
        _("req/s"),
        _("model mean ms"),
        _("limit"),
        _("cores with a database that scales out"),
    ]
    title = _("Capacity plans for a mean response time under {ms} ms").format(ms=number(slo_ms))
    return Table(title, headers, rows, note=basis)


def scaling_paths(paths: dict[str, dict], slo_ms: float) -> Table:
    """How far scaling up and scaling out take each architecture, by the model."""
    rows = [
        [label, found["up_rps"], found["up_users"], found["out_rps"], found["out_users"], _stops(found["out_limit"])]
        for label, found in paths.items()
    ]
    headers = [
        _("architecture"),
        _("up: req/s"),
        _("up: users"),
        _("out: req/s"),
        _("out: users"),
        _("out: what stops it"),
    ]
    note = _(
        "Up: the whole architecture on one machine of {cores} cores. Out: instances added to every part that "
        "scales out, until one that cannot (a database primary of {cores} cores, SQLite's write lock) saturates."
    )
    return Table(
        _("Where each path leads (model; users within a {ms} ms mean response time)").format(ms=number(slo_ms)),
        headers,
        rows,
        note=note.format(cores=number(MAX_CORES_ONE_MACHINE)),
    )


def _stops(limit: str | None) -> str | None:
    # The tier that stops scaling out, by the name the model gives it (two are words, translated).
    return limit and _(limit)

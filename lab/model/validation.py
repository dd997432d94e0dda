"""The model judged on what was measured: calibrated on users-100 alone, it predicts users-1000 and the steps."""

from lab.i18n import _, number
from lab.model.calibration import Calibration, calibrate, predicted_response_s
from lab.records import RunRecord

AIM = 0.15  # the error the lab aims for, on throughput and on mean response time


def error(predicted: float, measured: float) -> float | None:
    """Relative error of a prediction; None where nothing was measured."""
    return (predicted - measured) / measured if measured else None


def _row(calibration: Calibration, load: str, users: int, throughput: float, response_ms: float | None) -> dict:
    predicted_x, predicted_r = predicted_response_s(calibration, users)
    response_error = error(1000 * predicted_r, response_ms) if response_ms is not None else None
    return {
        "label": calibration.label,
        "load": load,
        "users": users,
        "measured_rps": throughput,
        "predicted_rps": predicted_x,
        "throughput_error": error(predicted_x, throughput),
        "measured_ms": response_ms,
        "predicted_ms": 1000 * predicted_r,
        "response_error": response_error,
    }


def validate(light: RunRecord, heavy: RunRecord | None, saturation: RunRecord | None) -> list[dict]:
    """Rows of predicted against measured, for users-1000 and every saturation step."""
    calibration = calibrate(light)
    rows = []
    if heavy:
        totals = heavy.totals
        rows.append(
            _row(calibration, heavy.profile.name, heavy.profile.users, totals.throughput_rps, totals.latency_ms.mean)
        )
    for step in (saturation and saturation.steps) or []:
        load = _("step {users}").format(users=step.users)  # a name, as users-1000 is: no thousands separator
        rows.append(_row(calibration, load, step.users, step.throughput_rps, step.latency_ms.mean))
    return rows


def within_aim(row: dict) -> bool:
    """Whether both errors of a row are within the aim."""
    return all(e is not None and abs(e) <= AIM for e in (row["throughput_error"], row["response_error"]))


def explain(rows: list[dict], light: RunRecord, heavy: RunRecord | None) -> str:
    """Why the model missed, in a sentence a student can check against run.json; empty when it did not."""
    missed = [row for row in rows if not within_aim(row)]
    if not missed:
        return ""
    reasons = []
    if heavy:
        at_light = calibrate(light).server_demand_s * 1000
        at_heavy = calibrate(heavy).server_demand_s * 1000
        if abs(at_heavy - at_light) > AIM * at_light:
            said = (
                _(
                    "the servers' CPU per request was {light_ms} ms at {light_users} users and {heavy_ms} ms at "
                    "{heavy_users}, and the model keeps the first, so it expects the machine busier than it was"
                )
                if at_light > at_heavy
                else _(
                    "the servers' CPU per request was {light_ms} ms at {light_users} users and {heavy_ms} ms at "
                    "{heavy_users}, and the model keeps the first, so it expects the machine less busy than it was"
                )
            )
            reasons.append(
                said.format(
                    light_ms=number(at_light, 2),
                    light_users=number(light.profile.users),
                    heavy_ms=number(at_heavy, 2),
                    heavy_users=number(heavy.profile.users),
                )
            )
    if any(r["throughput_error"] is not None and abs(r["throughput_error"]) <= AIM for r in missed):
        reasons.append(
            _(
                "near saturation the response time grows like 1/(1-utilisation), so a small error in the demand "
                "becomes a large error in the response time"
            )
        )
    if any(r["measured_ms"] is not None and r["measured_ms"] < 20 for r in missed):
        reasons.append(
            _("where a response takes a few milliseconds, one millisecond off is already an error of 20-30%")
        )
    return "; ".join(reasons) or _("the measured run was noisy (see the spread of repetitions)")

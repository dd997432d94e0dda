"""The knee judged over repeated campaigns: each repetition predicts its own knee, the medians are compared.

One draw of a knee moves by ±15 % on a shared machine (docs/model.md), more than the aim, so a single
(users-100, saturation run) pair cannot show whether the model is right.
"""

from lab.i18n import _, number
from lab.model.load_dependent import knee_validation
from lab.model.validation import error
from lab.records import RunRecord
from lab.report.results import median


def knee_over_repeats(pairs: list[tuple[RunRecord, RunRecord]]) -> dict | None:
    """The knee row of lab/model/load_dependent.py over every (users-100, saturation run) pair: the medians of
    what was predicted and measured, and each pair's error; a single pair's row as it stands."""
    rows = [row for light, saturation in pairs if (row := knee_validation(light, saturation))]
    if len(pairs) < 2 or not rows:
        return rows[0] if rows else None
    with_p95 = [row for row in rows if row["measured_p95_ms"]]
    judged = (
        _("each of {count} repeats").format(count=number(len(rows)))
        if len(rows) == len(pairs)
        else _("{judged} of {count} repeats; the rest saturated at their first step").format(
            judged=number(len(rows)), count=number(len(pairs))
        )
    )
    return {
        "calibrated_on": f"{rows[0]['calibrated_on']}, {judged}",
        "knee_users": _span([row["knee_users"] for row in rows]),
        "measured_knee_rps": median([row["measured_knee_rps"] for row in rows]),
        "predicted_knee_rps": median([row["predicted_knee_rps"] for row in rows]),
        "predicted_knee_rps_at_its_speed": median([row["predicted_knee_rps_at_its_speed"] for row in rows]),
        "knee_errors": [error(row["predicted_knee_rps"], row["measured_knee_rps"]) for row in rows],
        "processes_busy_cores": median([row["processes_busy_cores"] for row in rows]),
        "machine_busy_cores": median([row["machine_busy_cores"] for row in rows]),
        "reference_work_ms": [median(list(ms)) for ms in zip(*(row["reference_work_ms"] for row in rows), strict=True)],
        "before_users": _span([row["before_users"] for row in with_p95]) if with_p95 else None,
        "measured_p95_ms": median([row["measured_p95_ms"] for row in with_p95]),
        "predicted_p95_ms": median([row["predicted_p95_ms"] for row in with_p95]),
    }


def _span(users: list[int]) -> int | str:
    return users[0] if len(set(users)) == 1 else f"{min(users)}–{max(users)}"

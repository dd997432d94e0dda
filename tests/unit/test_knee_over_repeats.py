"""The knee judged over repeated campaigns: each repeat predicts its own knee, the medians are compared."""

import pytest

from lab.model.load_dependent import knee_validation
from lab.records import RunRecord
from lab.report.knee_repeats import knee_over_repeats
from tests.saturation_runs import light_run, saturation_run, step


def test_over_repeated_runs_each_predicts_its_own_knee_and_the_medians_are_compared():
    runs = [
        (light_run(), saturation_run(step(500, 190, 2.6), step(750, rps, 2.4), step(1000, rps - 20, 2.4)))
        for rps in (250, 300, 280)
    ]
    singles = [knee_validation(light, saturation) for light, saturation in runs]
    row = knee_over_repeats(runs)
    assert row["measured_knee_rps"] == 280 and row["knee_users"] == 750
    assert row["predicted_knee_rps"] == pytest.approx(singles[0]["predicted_knee_rps"])  # the same light loads
    assert row["knee_errors"] == pytest.approx([s["predicted_knee_rps"] / s["measured_knee_rps"] - 1 for s in singles])
    assert row["before_users"] is None and row["predicted_p95_ms"] is None  # each knee came right after calibration
    assert "each of 3 repeats" in row["calibrated_on"]


def test_repeats_whose_knees_came_at_different_steps_show_the_span_and_the_p95_of_those_that_had_a_step_before():
    early = (light_run(), saturation_run(step(500, 190, 2.6), step(750, 260, 2.4), step(1000, 240, 2.4)))
    late = (light_run(), saturation_run(step(500, 190, 2.6), step(750, 280, 2.5, p95=30.0), step(1000, 330, 2.4)))
    row = knee_over_repeats([early, late])
    assert row["knee_users"] == "750–1000" and row["before_users"] == 750 and row["measured_p95_ms"] == 30.0


def test_a_repeat_that_saturated_at_its_first_step_is_left_out_and_the_row_says_so():
    judged = (light_run(), saturation_run(step(500, 190, 2.6), step(750, 260, 2.4)))
    row = knee_over_repeats([judged, (light_run(), saturation_run(step(500, 150, 2.9)))])
    assert row["measured_knee_rps"] == 260 and len(row["knee_errors"]) == 1
    assert row["calibrated_on"].endswith("1 of 2 repeats; the rest saturated at their first step")


def test_a_single_run_is_judged_as_it_stands_and_none_without_steps():
    run = (light_run(), saturation_run(step(500, 190, 2.6), step(750, 260, 2.4)))
    assert knee_over_repeats([run]) == knee_validation(*run)
    assert knee_over_repeats([(light_run(), saturation_run())]) is None and knee_over_repeats([]) is None


def test_over_repeats_the_machine_speed_at_each_point_is_the_median_of_those_recorded():
    def timed(ms: float | None) -> tuple[RunRecord, RunRecord]:
        steps = [step(500, 190, 2.6, reference_work_ms=ms), step(750, 260, 2.4, reference_work_ms=ms)]
        return light_run(reference_work_ms=ms), saturation_run(*steps)

    row = knee_over_repeats([timed(9.0), timed(6.0), timed(None)])
    assert row["reference_work_ms"] == [7.5, 7.5, 7.5]
    assert row["predicted_knee_rps_at_its_speed"] == pytest.approx(row["predicted_knee_rps"])  # steady in each

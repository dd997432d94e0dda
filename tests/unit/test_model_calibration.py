"""From a measured run to the model's inputs, and the model judged against what it was calibrated on."""

import pytest

from lab.model.calibration import calibrate, component_of, demands, predicted_response_s
from lab.model.validation import error, explain, validate, within_aim
from tests.run_records import run_record


def measured_run(users=100, throughput=36.0, mean_ms=5.0, cpu=None, idle=None, seconds=60.0, label="three_tier"):
    cpu = cpu or {"presentation": 2.16, "application-1": 1.08, "application-2": 1.08, "postgres": 1.08, "locust": 2.16}
    return run_record(
        label=label,
        database="postgres",
        profile={"name": f"users-{users}", "users": users},
        machine={"cores": 2},
        window={"seconds": seconds},
        cpu_seconds=cpu,
        idle_cpu_share=idle or {},
        totals={"requests": round(throughput * seconds), "throughput_rps": throughput, "latency_ms": {"mean": mean_ms}},
    )


def test_replicas_count_as_their_component():
    assert component_of("application-2") == "application"
    assert component_of("bus") == "bus"


def test_demands_are_cpu_seconds_per_request_with_idle_cpu_taken_out():
    run = measured_run(idle={"postgres": 0.005})  # 0.3 s of the postgres CPU is its idle upkeep
    by_component, generator, background = demands(run)
    requests = 36 * 60
    assert by_component["presentation"] == pytest.approx(2.16 / requests)
    assert by_component["application"] == pytest.approx(2.16 / requests)
    assert by_component["postgres"] == pytest.approx(0.78 / requests)
    assert generator == pytest.approx(2.16 / requests)
    assert background == pytest.approx(0.005)


def test_think_time_follows_the_interactive_response_time_law():
    calibration = calibrate(measured_run())
    # Z = N/X - R - D_locust = 100/36 - 0.005 - 0.001
    assert calibration.think_s == pytest.approx(100 / 36 - 0.005 - 0.001, rel=1e-6)


def test_the_model_reproduces_the_run_it_was_calibrated_on():
    run = measured_run()
    throughput, response = predicted_response_s(calibrate(run), 100)
    assert throughput == pytest.approx(36.0, rel=0.01)
    assert response == pytest.approx(0.005, rel=0.01)


def test_a_run_without_requests_cannot_calibrate_a_model():
    run = measured_run()
    run.totals.requests = 0
    with pytest.raises(ValueError, match="no request"):
        calibrate(run)


def test_more_users_than_the_cores_can_serve_flatten_throughput_at_the_bottleneck():
    calibration = calibrate(measured_run())
    throughput, response = predicted_response_s(calibration, 100_000)
    # 2 cores; 7.56 CPU s (servers and Locust) over 2160 requests = 3.5 ms per request: at most 571 req/s.
    assert throughput == pytest.approx(2 / (7.56 / 2160), rel=0.01)
    assert response > 100  # seconds: a long queue, not a failure


def test_validation_compares_predictions_with_measurements():
    light, heavy = measured_run(), measured_run(users=1000, throughput=330.0, mean_ms=40.0)
    rows = validate(
        light, heavy, run_record(steps=[{"users": 2000, "throughput_rps": 480.0, "latency_ms": {"mean": 900.0}}])
    )
    assert [row["load"] for row in rows] == ["users-1000", "step 2000"]
    # Calibrated at 36 req/s, 1,000 users with ~2.8 s of think time ask for ~355 req/s, within 571 of capacity.
    assert rows[0]["predicted_rps"] == pytest.approx(1000 / (100 / 36), rel=0.05)
    assert rows[0]["throughput_error"] == pytest.approx(rows[0]["predicted_rps"] / 330 - 1)
    assert rows[1]["predicted_rps"] == pytest.approx(2 / (7.56 / 2160), rel=0.02)  # past the knee: capacity
    assert error(110, 100) == pytest.approx(0.10) and error(1, 0) is None


def test_a_miss_is_explained_from_the_measurements():
    light = measured_run()
    # 700 req/s, past what the light run's 3.5 ms per request allows, because each request cost 60% as much.
    cheaper = {k: v * (700 / 36) * 0.6 for k, v in light.cpu_seconds.items()}
    heavy = measured_run(users=2000, throughput=700.0, mean_ms=20.0, cpu=cheaper)
    rows = validate(light, heavy, None)
    assert not within_aim(rows[0])
    assert "CPU per request was" in explain(rows, light, heavy)


def test_a_prediction_within_the_aim_needs_no_explanation():
    row = {"throughput_error": 0.05, "response_error": -0.1}
    assert within_aim(row) and explain([row], measured_run(), None) == ""

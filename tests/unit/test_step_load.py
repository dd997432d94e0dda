"""The saturation run's step arithmetic and its verdict on when the server is saturated."""

from loadtests.saturation import P95_LIMIT_MS, measured_step, saturation_reason


def snapshot(time, requests, failures=0, total_ms=0.0, histogram=None, cpu=0.0):
    return {
        "time": time,
        "requests": requests,
        "failures": failures,
        "total_response_time": total_ms,
        "response_times": histogram or {},
        "cpu_seconds": cpu,
    }


def step(users, rps, p95_bucket=5, failures=0, requests=1000):
    return {
        "users": users,
        "throughput_rps": rps,
        "requests": requests,
        "failures": failures,
        "response_times": {p95_bucket: requests},
    }


def test_a_step_counts_only_what_happened_between_its_start_and_its_end():
    start = snapshot(100.0, 500, failures=1, total_ms=1000.0, histogram={2: 400, 10: 100}, cpu=3.0)
    end = snapshot(120.0, 1500, failures=3, total_ms=4000.0, histogram={2: 1200, 10: 250, 50: 50}, cpu=5.5)
    measured = measured_step(250, start, end)
    assert measured["requests"] == 1000 and measured["failures"] == 2
    assert measured["throughput_rps"] == 50.0
    assert measured["mean_ms"] == 3.0
    assert measured["response_times"] == {2: 800, 10: 150, 50: 50}
    assert measured["locust_cpu_seconds"] == 2.5


def test_a_step_that_grows_with_its_users_is_not_saturated():
    assert saturation_reason(step(2000, 700), step(1000, 360)) is None


def test_throughput_that_stops_growing_while_users_grow_is_saturation():
    reason = saturation_reason(step(2000, 380), step(1000, 360))
    assert reason and "throughput grew 6%" in reason and "users grew 100%" in reason


def test_a_p95_past_the_limit_is_saturation():
    assert "p95" in saturation_reason(step(1000, 360, p95_bucket=int(P95_LIMIT_MS) + 100), None)


def test_failing_requests_are_saturation():
    assert "failed" in saturation_reason(step(1000, 360, failures=20), None)


def test_a_step_with_no_completed_request_is_saturation():
    assert saturation_reason(step(1000, 0, requests=0), None) == "no request completed"

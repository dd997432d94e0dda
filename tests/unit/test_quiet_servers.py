"""Between two runs on one start, the servers' queues drain before the next run measures anything."""

from lab.load import measurement


def test_waiting_for_quiet_ends_once_the_servers_together_fall_below_the_threshold(monkeypatch):
    busy = iter([{"app": 0.9, "db": 0.3}, {"app": 0.15, "db": 0.1}, {"app": 0.05, "db": 0.05}])
    samples = []
    monkeypatch.setattr(measurement, "idle_cpu", lambda servers, seconds: samples.append(seconds) or next(busy))

    measurement.wait_until_quiet({"app": 1, "db": 2}, cores=0.2)

    assert samples == [1.0, 1.0, 1.0]


def test_a_server_that_never_quiets_is_waited_for_only_until_the_deadline(monkeypatch):
    monkeypatch.setattr(measurement, "idle_cpu", lambda servers, seconds: {"app": 1.0})
    clock = iter(range(0, 1000, 10))
    monkeypatch.setattr(measurement.time, "monotonic", lambda: next(clock))

    assert measurement.wait_until_quiet({"app": 1}, deadline_s=60) >= 60

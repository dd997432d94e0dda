"""HAProxy's configuration and what the lab reads of its counters; a machine's counters between two readings."""

import json

from bookstore.settings import Settings
from lab.cluster import balancer
from lab.cluster.balancer import Pool, ServerLimit
from lab.cluster.cgroups import Counters, use_between
from lab.cluster.meter import bottleneck


def test_each_pool_is_a_frontend_on_the_components_port_and_a_backend_of_its_copies(tmp_path):
    pools = [Pool("application", 9001, {"application-1": 9101, "application-2": 9102})]
    text = balancer.configuration(pools, tmp_path / "stats.sock", balancer.write_error_pages(tmp_path))
    assert "mode http" in text and "balance roundrobin" in text
    assert "frontend application\n    bind 127.0.0.1:9001\n    default_backend application" in text
    assert "server application-1 127.0.0.1:9101" in text and "server application-2 127.0.0.1:9102" in text
    assert "http-check send meth GET uri /health" in text
    assert f"errorfile 503 {tmp_path / '503.http'}" in text


def test_the_balancers_own_errors_are_in_the_contracts_json_shape(tmp_path):
    page = (balancer.write_error_pages(tmp_path) / "503.http").read_bytes().decode()
    head, body = page.split("\r\n\r\n")
    assert head.startswith("HTTP/1.1 503 ") and f"Content-Length: {len(body)}" in head
    assert json.loads(body)["error"]["code"] == "unavailable"
    assert "Retry-After: 1\r\n" in head


def test_with_admission_on_each_copy_takes_its_working_threads_and_the_excess_waits_briefly(tmp_path):
    edge = Settings.from_environment({"ADMISSION_QUEUE": "2", "EDGE_SERVER": "1", "GUNICORN_THREADS": "4"})
    limit = ServerLimit.of(2, edge)
    assert limit == ServerLimit(maxconn=8, queue_ms=50, queue=4)  # 2 workers x 4 threads; 2 x 2 may wait
    assert ServerLimit.of(2, Settings.from_environment({})) is None  # off: the benches queue as before
    pools = [Pool("application", 9001, {"application-1": 9101}, limit=limit)]
    text = balancer.configuration(pools, tmp_path / "stats.sock", balancer.write_error_pages(tmp_path))
    assert "server application-1 127.0.0.1:9101 maxconn 8" in text and "timeout queue 50ms" in text
    assert "http-request deny deny_status 503 if { queue(application) ge 4 }" in text  # past the queue, at once


STAT = [
    {"pxname": "app", "svname": "FRONTEND", "status": "OPEN", "qmax": "", "qtime": "", "rtime": "", "stot": "9"},
    {
        "pxname": "app",
        "svname": "app-1",
        "status": "UP",
        "qmax": "3",
        "qtime": "1",
        "rtime": "12",
        "stot": "5",
        "req_tot": "40",
    },
    {
        "pxname": "app",
        "svname": "app-2",
        "status": "DOWN",
        "qmax": "0",
        "qtime": "",
        "rtime": "",
        "stot": "4",
        "req_tot": "38",
    },
    {"pxname": "app", "svname": "BACKEND", "status": "UP", "qmax": "3", "qtime": "", "rtime": "", "stot": "9"},
]


def test_servers_counters_are_read_per_backend_and_health_from_every_server():
    servers = balancer.servers(STAT)
    assert set(servers["app"]) == {"app-1", "app-2"}
    assert servers["app"]["app-1"].requests == 40 and servers["app"]["app-1"].queue_max == 3
    assert servers["app"]["app-2"].response_time_ms is None
    assert not balancer.all_up(STAT)
    assert balancer.all_up([row | {"status": "UP"} for row in STAT])
    assert not balancer.all_up([])


class _Machine:
    cpus = 0.25


def test_use_between_two_readings_says_how_near_its_quota_a_machine_ran():
    start, end = Counters(10.0, 1.0, 100, 5, 0.2), Counters(14.0, 2.0, 140, 45, 2.2)
    assert use_between(_Machine(), start, end) == {
        "cpu_s": 1.0,
        "periods": 40,
        "throttled_periods": 40,
        "throttled_s": 2.0,
        "busy_share": 1.0,
    }


def test_the_bottleneck_is_the_machine_nearest_its_quota():
    assert bottleneck({"a": {"busy_share": 0.4}, "b": {"busy_share": 0.97}, "balancer": {"busy_share": 0.5}}) == "b"
    assert bottleneck({}) is None

"""Reading Locust's output: percentiles from its buckets, throughput from count differences."""

import json

from lab.load.locust_results import percentile, summarise, throughput_series

HEADER = "Timestamp,User Count,Type,Name,Requests/s,Failures/s,Total Request Count,Total Failure Count\n"


def test_a_percentile_is_the_bucket_where_the_cumulative_share_is_reached():
    histogram = {1: 50, 2: 45, 30: 4, 400: 1}
    assert percentile(histogram, 0.50) == 1
    assert percentile(histogram, 0.95) == 2
    assert percentile(histogram, 0.99) == 30
    assert percentile(histogram, 1.0) == 400
    assert percentile({}, 0.5) is None


def test_totals_come_from_the_json_file_summed_over_endpoints(tmp_path):
    entries = [
        {
            "name": "/a",
            "method": "GET",
            "num_requests": 90,
            "num_failures": 0,
            "total_response_time": 180.0,
            "max_response_time": 9.0,
            "response_times": {"2": 90},
        },
        {
            "name": "/b",
            "method": "POST",
            "num_requests": 10,
            "num_failures": 1,
            "total_response_time": 200.0,
            "max_response_time": 40.0,
            "response_times": {"20": 9, "40": 1},
        },
    ]
    (tmp_path / "locust.json").write_text(json.dumps(entries))
    summary = summarise(tmp_path / "locust.json", seconds=10)
    assert summary["totals"]["requests"] == 100
    assert summary["totals"]["failure_ratio"] == 0.01
    assert summary["totals"]["throughput_rps"] == 10
    assert summary["totals"]["latency_ms"]["p95"] == 20
    assert [e["name"] for e in summary["endpoints"]] == ["/a", "/b"]


def test_throughput_is_computed_from_request_count_differences_not_the_lagging_column(tmp_path):
    history = tmp_path / "history.csv"
    history.write_text(
        HEADER
        + "100,10,,Aggregated,999.0,0,0,0\n"
        + "100,10,GET,/a,999.0,0,0,0\n"
        + "101,10,,Aggregated,999.0,0,50,0\n"
        + "103,10,,Aggregated,999.0,0,250,0\n"
        + "110,10,,Aggregated,999.0,0,900,0\n"
    )
    series = throughput_series(history, since=100, until=103)
    assert [point["rps"] for point in series] == [50.0, 100.0]

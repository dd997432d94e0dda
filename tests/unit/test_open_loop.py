"""The open loop's arithmetic on fixture samples: phases and intended times, per phase and per second figures,
the overload verdicts; and one shopper mix that the locustfile and the k6 script both read."""

import gzip
import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from lab.load import open_loop_figures as figures
from lab.load import open_loop_phases as phases
from lab.load.open_loop_samples import Answer, Samples, read
from lab.load.overload_verdicts import recovery_s, verdicts
from lab.paths import ROOT
from lab.records.open_loop import Second


def test_phases_start_back_to_back_and_requests_are_meant_to_leave_evenly():
    plan = [phases.Phase("a", 10, 20), phases.Phase("b", 40, 5), phases.Phase("c", 10, 30)]
    assert phases.starts(plan) == [0, 20, 25]
    assert phases.intended_send_ms(1_000_000, 0, 40) == 1_000_000
    assert phases.intended_send_ms(1_000_000, 40, 40) == 1_001_000  # one second's worth later
    assert json.loads(phases.for_k6(plan)) == [[10, 20], [40, 5], [10, 30]]


def test_the_staircase_and_the_spike_scale_with_capacity():
    steps = phases.staircase(200, phases.shares("0.2,1.0,1.5"), 20)
    assert [(s.rate, s.seconds) for s in steps] == [(40, 20), (200, 20), (300, 20)]
    assert [p.rate for p in phases.spike(100, 0.5, 3, 30, 30, 30)] == [50, 300, 50]
    assert phases.staircase(1, [0.2], 5)[0].rate == 1  # never below one request a second
    with pytest.raises(ValueError):
        phases.shares("0.5,-1")


def test_percentiles_interpolate_and_say_none_for_nothing():
    assert figures.percentiles([]).p99 is None
    got = figures.percentiles([float(n) for n in range(1, 101)])
    assert (got.p50, got.p95, got.p99) == (50.5, 95.0, 99.0)


def _answer(phase: int, intended: float, latency_ms: float, outcome: str = "good") -> Answer:
    return Answer(phase, intended, intended + latency_ms / 1000, outcome, "view_book")


def test_phase_figures_count_outcomes_rates_dropped_and_late():
    plan = [phases.Phase("light", 2, 2), phases.Phase("heavy", 4, 1)]
    answers = [_answer(0, 100 + i / 2, 10) for i in range(4)]
    answers += [_answer(1, 102.0, 20), _answer(1, 102.25, 5, "refused"), _answer(1, 102.5, 3000, "error")]
    samples = Samples(answers, {0: [8.0] * 4, 1: [15.0, 4.0, 3000.0]}, Counter({1: 1}), Counter({1: 2}))
    light, heavy = figures.by_phase(samples, plan)
    assert (light.achieved_rps, light.goodput_rps, light.good, light.open_ms.p50) == (2.0, 2.0, 4, 10.0)
    assert (heavy.answers, heavy.good, heavy.refused, heavy.errors, heavy.dropped, heavy.late) == (3, 1, 1, 1, 1, 2)
    assert heavy.refusal_ms.p99 == 5.0 and heavy.served_ms.p50 == 15.0
    assert heavy.errors_by_answer == {"view_book ": 1}


def test_seconds_group_answers_by_when_they_were_meant_to_leave():
    answers = [_answer(0, 100.0, 10), _answer(0, 100.9, 2500), _answer(0, 102.1, 5, "refused")]
    seconds = figures.by_second(answers)
    assert [(s.t, s.good, s.refused) for s in seconds] == [(0, 2, 0), (1, 0, 0), (2, 0, 1)]
    assert seconds[1].p99_ms is None  # a second with nothing meant to leave in it


def test_k6_samples_are_read_by_phase_leaving_setup_out(tmp_path):
    header = "metric_name,timestamp,metric_value,error_code,method,name,scenario,status,extra_tags,metadata\n"
    rows = [
        "http_req_duration,1000000,7.0,,POST,setup,,200,,",
        "open_ms,1000100,100.0,,GET,view_book,phase_001,200,outcome=good&action=view_book&answer=200&phase=1,",
        "http_req_duration,1000100,90.0,,GET,view_book,phase_001,200,phase=1,",
        "dropped_iterations,1000200,1,,,,phase_001,,phase=1,",
        "late_starts,1000300,1,,,,phase_000,,phase=0,",
        "orders_placed,1000400,1,,,,phase_000,,order_id=42&phase=0,",
    ]
    path = tmp_path / "k6.csv.gz"
    with gzip.open(path, "wt") as file:
        file.write(header + "\n".join(rows) + "\n")
    samples = read(path)
    assert samples.answers == [Answer(1, 1000.0, 1000.1, "good", "view_book", "200")]
    assert samples.served_ms == {1: [90.0]} and samples.dropped == {1: 1} and samples.late == {0: 1}
    assert samples.orders == [42]


def _seconds(p99s: list[float | None]) -> list[Second]:
    return [Second(t=t, good=1, refused=0, errors=0, p99_ms=p) for t, p in enumerate(p99s)]


def test_recovery_is_when_every_later_second_stays_near_the_pre_spike_p99():
    series = _seconds([10, 10, 900, 900, 40, 12, 30, 14, 13])
    assert recovery_s(series, spike_end=4, before_p99=10, tolerance=1.5) == 3  # second 7 on; 6's 30 ms breaks 5
    assert recovery_s(_seconds([10, 900, 900]), spike_end=1, before_p99=10, tolerance=1.5) is None


def _figures(spike_good_rps: float, refused: int, refusal_p99: float | None, errors: int, dropped: int = 0):
    plan = [phases.Phase("before", 50, 2), phases.Phase("spike", 300, 2), phases.Phase("after", 50, 2)]
    answers = [_answer(0, 100 + i / 50, 10) for i in range(100)]
    answers += [_answer(1, 102 + i / 300, 20) for i in range(int(spike_good_rps * 2))]
    answers += [_answer(1, 102.5, refusal_p99 or 0, "refused") for _ in range(refused)]
    answers += [_answer(1, 103.0, 9000, "error") for _ in range(errors)]
    answers += [_answer(2, 104 + i / 50, 10) for i in range(100)]
    return figures.by_phase(Samples(answers, {}, Counter({1: dropped})), plan), figures.by_second(answers)


def test_an_architecture_that_refuses_fast_and_recovers_meets_every_target():
    phase_figures, seconds = _figures(95, refused=400, refusal_p99=8, errors=0)
    judged = verdicts(phase_figures, seconds, capacity_rps=100, data_passed=True)
    assert [v.passed for v in judged] == [True, True, True, True]


def test_queueing_until_timeouts_fails_goodput_refusals_and_the_data_check_when_it_fails():
    phase_figures, seconds = _figures(40, refused=0, refusal_p99=None, errors=300, dropped=50)
    goodput, refusals, _recovery, data = verdicts(phase_figures, seconds, capacity_rps=100, data_passed=False)
    assert not goodput.passed and "40%" in goodput.measured
    assert not refusals.passed and "300 errors, 50 dropped" in refusals.measured
    assert not data.passed


def test_slow_refusals_fail_the_refusal_target():
    phase_figures, seconds = _figures(95, refused=400, refusal_p99=250, errors=0)
    assert not verdicts(phase_figures, seconds, capacity_rps=100, data_passed=True)[1].passed


def test_the_locustfile_and_the_k6_script_read_the_same_mix_file():
    from loadtests import mix

    script = (ROOT / "loadtests" / "open_loop.js").read_text()
    locustfile = (ROOT / "loadtests" / "locustfile.py").read_text()
    assert "open('./shopper_mix.json')" in script and mix.MIX_FILE == ROOT / "loadtests" / "shopper_mix.json"
    assert "from loadtests.mix import" in locustfile
    assert not re.search(r"@task\(\d|weight = \d", locustfile)  # no hand-kept copy of a weight
    in_script = set(re.findall(r"^  (\w+)\((?:data)?\) \{", script, re.MULTILINE))
    assert in_script == set(mix.BROWSING) | set(mix.BUYING)  # every action of the mix, and nothing else


# Locust patches the standard library as it loads (gevent), so the locustfile is loaded in a process of its own.
WEIGHTS = """
import json
from collections import Counter
from loadtests import locustfile
print(json.dumps({
    "users": [locustfile.Browser.weight, locustfile.Buyer.weight],
    "buyer": Counter(task.__name__ for task in locustfile.Buyer.tasks),  # a task repeated as often as its weight
}))
"""


def test_the_locust_shoppers_take_their_weights_from_the_mix_file():
    from loadtests import mix

    done = subprocess.run([sys.executable, "-c", WEIGHTS], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded["users"] == [mix.USERS["browser"], mix.USERS["buyer"]]
    assert loaded["buyer"] == {**mix.BROWSING, **mix.BUYING}

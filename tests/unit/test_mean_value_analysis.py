"""Mean Value Analysis against cases solved by hand, the open M/M/1 queue, the asymptotic bounds and itself."""

from fractions import Fraction

import pytest

from lab.model import mva
from lab.model.mva import Station, bounds, curve, solve

# The exact recursion (Reiser & Lavenberg), for n = 1, 2, ... users, with Q_k(0) = 0:
#   R_k(n) = D_k * (1 + Q_k(n-1))        residence time at queueing station k
#   X(n)   = n / (Z + sum_k R_k(n))      throughput: n users share one cycle of think + response
#   Q_k(n) = X(n) * R_k(n)               Little's law at station k


def close(value: float, expected, rel: float = 1e-12) -> bool:
    return value == pytest.approx(float(expected), rel=rel)


def test_a_single_station_with_one_user_answers_in_its_service_demand():
    # Alone, the user never queues: R = D = 0.25 s, and with no think time X = 1/R = 4 req/s.
    answer = solve([Station("cpu", 0.25)], think_s=0.0, users=1)
    assert close(answer.response_s, 0.25) and close(answer.throughput, 4.0)
    assert close(answer.utilisation["cpu"], 1.0)


def test_two_users_on_one_station_without_think_time_queue_behind_each_other():
    # n=1: R = D, X = 1/D, Q = 1.  n=2: R = D(1 + 1) = 2D, X = 2/(2D) = 1/D: the station never rests.
    answer = solve([Station("cpu", 0.25)], think_s=0.0, users=2)
    assert close(answer.response_s, 0.5) and close(answer.throughput, 4.0)


def test_three_users_with_think_time_follow_the_recursion_worked_by_hand():
    # D = 1/2 s, Z = 1 s.
    # n=1: R = 1/2,              X = 1/(1 + 1/2) = 2/3,   Q = 2/3 * 1/2 = 1/3
    # n=2: R = 1/2 (1 + 1/3) = 2/3, X = 2/(1 + 2/3) = 6/5, Q = 6/5 * 2/3 = 4/5
    # n=3: R = 1/2 (1 + 4/5) = 9/10, X = 3/(1 + 9/10) = 30/19; utilisation X*D = 15/19
    answer = solve([Station("cpu", 0.5)], think_s=1.0, users=3)
    assert close(answer.response_s, Fraction(9, 10))
    assert close(answer.throughput, Fraction(30, 19))
    assert close(answer.utilisation["cpu"], Fraction(15, 19))


def test_a_two_station_network_with_think_time_matches_the_recursion_by_hand():
    # D1 = 1/5 s, D2 = 1/10 s, Z = 1 s.
    # n=1: R1 = 1/5, R2 = 1/10, R = 3/10, X = 1/(13/10) = 10/13; Q1 = 2/13, Q2 = 1/13
    # n=2: R1 = 1/5 * 15/13 = 3/13, R2 = 1/10 * 14/13 = 7/65, R = 22/65, X = 2/(87/65) = 130/87
    #      Q1 = 130/87 * 3/13 = 10/29, Q2 = 130/87 * 7/65 = 14/87
    # n=3: R1 = 1/5 * 39/29 = 39/145, R2 = 1/10 * 101/87 = 101/870, R = 67/174, X = 3/(241/174) = 522/241
    expected = {
        1: (Fraction(10, 13), Fraction(1, 5), Fraction(1, 10)),
        2: (Fraction(130, 87), Fraction(3, 13), Fraction(7, 65)),
        3: (Fraction(522, 241), Fraction(39, 145), Fraction(101, 870)),
    }
    network = [Station("first", 0.2), Station("second", 0.1)]
    for answer in curve(network, 1.0, [1, 2, 3]):
        throughput, first, second = expected[answer.users]
        assert close(answer.throughput, throughput)
        assert close(answer.residence_s["first"], first) and close(answer.residence_s["second"], second)
        assert close(answer.response_s, first + second)


@pytest.mark.parametrize("users", [2_000, 1_000_000])  # the exact recursion, then Schweitzer's approximation
def test_a_huge_population_with_matching_think_time_behaves_like_an_open_mm1_queue(users):
    # With Z = N/lambda each user arrives about every Z seconds, so N users offer lambda = 5 req/s.
    # As N grows the queue cannot tell them from a Poisson stream: R -> D/(1 - lambda*D) = 0.1/0.5 = 0.2 s.
    answer = solve([Station("cpu", 0.1)], think_s=users / 5, users=users)
    assert answer.response_s == pytest.approx(0.2, rel=0.01)
    assert answer.throughput == pytest.approx(5, rel=0.01)


NETWORKS = {
    "two stations": ([Station("first", 0.2), Station("second", 0.1)], 1.0),
    "servers and a delay": (
        [Station("web", 0.004, 4), Station("app", 0.006, 2), Station("db", 0.002), Station("hops", 0.01, delay=True)],
        2.0,
    ),
    "knee at 2,000 users": ([Station("web", 0.0004), Station("app", 0.0008, 2), Station("db", 0.0005)], 1.0),
}


@pytest.mark.parametrize("name", NETWORKS)
def test_schweitzer_agrees_with_the_exact_recursion_around_the_exact_limit(name, monkeypatch):
    stations, think = NETWORKS[name]
    populations = [1_000, 1_500, 2_000]
    exact = curve(stations, think, populations)
    monkeypatch.setattr(mva, "EXACT_LIMIT", 0)
    approximate = curve(stations, think, populations)
    for one, other in zip(exact, approximate, strict=True):
        assert other.throughput == pytest.approx(one.throughput, rel=0.01)
        # Right at the knee R = N/X - Z is small beside N/X, so a small error in X shows a lot more in R.
        assert other.response_s == pytest.approx(one.response_s, rel=0.2 if name.startswith("knee") else 0.02)


@pytest.mark.parametrize("name", NETWORKS)
def test_throughput_and_response_respect_the_asymptotic_bounds_at_every_population(name):
    stations, think = NETWORKS[name]
    populations = [*range(1, 3_000, 7), 10_000, 100_000, 1_000_000]
    for answer in curve(stations, think, populations):
        most_throughput, least_response = bounds(stations, think, answer.users)
        assert answer.throughput <= most_throughput * (1 + 1e-12)
        assert answer.response_s >= least_response * (1 - 1e-12)
        assert all(0 <= u <= 1 for u in answer.utilisation.values())
        assert all(r >= 0 for r in answer.residence_s.values())


@pytest.mark.parametrize("name", NETWORKS)
def test_throughput_never_falls_as_users_are_added(name):
    stations, think = NETWORKS[name]
    exact = [a.throughput for a in curve(stations, think, list(range(1, mva.EXACT_LIMIT + 1)))]
    approximate = [a.throughput for a in curve(stations, think, [*range(mva.EXACT_LIMIT + 1, 10**4, 7), 10**5, 10**6])]
    for throughputs in (exact, approximate):
        assert all(b >= a * (1 - 1e-12) for a, b in zip(throughputs, throughputs[1:], strict=False))
    # Where Schweitzer takes over it may step down a little: it is a little pessimistic near the knee.
    assert approximate[0] == pytest.approx(exact[-1], rel=0.01)


def test_bounds_worked_by_hand():
    # D = 0.2 + 0.1 = 0.3 s, D_max = 0.2 s, Z = 1 s, N = 10:
    # X <= min(10 / 1.3, 1 / 0.2) = 5 req/s;  R >= max(0.3, 10 * 0.2 - 1) = 1 s.
    assert bounds([Station("first", 0.2), Station("second", 0.1)], 1.0, 10) == pytest.approx((5.0, 1.0))
    # Two servers double the bottleneck's ceiling: X <= min(7.69, 2 / 0.2 = 10), R >= max(0.3, 10 * 0.1 - 1).
    assert bounds([Station("first", 0.2, servers=2), Station("second", 0.1)], 1.0, 10) == pytest.approx((10 / 1.3, 0.3))


def test_a_two_server_station_with_one_user_answers_in_its_demand_without_queueing():
    # Seidmann: queue of demand D/2 = 0.1 s plus delay of D/2 = 0.1 s; one user queues at neither.
    answer = solve([Station("pool", 0.2, servers=2)], think_s=0.0, users=1)
    # X = 1/0.2 = 5 req/s, each of the two servers busy X*D/2 = half the time.
    assert close(answer.response_s, 0.2) and close(answer.utilisation["pool"], 0.5)


def test_a_two_server_station_saturates_at_servers_over_demand():
    answer = solve([Station("pool", 0.2, servers=2)], think_s=0.0, users=1_000_000)
    assert answer.throughput == pytest.approx(2 / 0.2, rel=1e-6) and answer.throughput <= 10.0
    assert answer.utilisation["pool"] == pytest.approx(1.0, rel=1e-6)


def test_seidmann_overestimates_the_queueing_of_two_servers_with_two_users():
    # Exactly, two users on two servers never wait: R = 0.2 s. Seidmann's queue of 0.1 s sees the other
    # user half the time (n=1: X = 1/0.2 = 5, Q = 5 * 0.1 = 1/2), so R = 0.1 * 1.5 + 0.1 = 0.25 s.
    assert close(solve([Station("pool", 0.2, servers=2)], think_s=0.0, users=2).response_s, 0.25)


def test_a_delay_station_adds_its_demand_and_never_queues():
    network = [Station("cpu", 0.01), Station("hops", 0.05, delay=True)]
    answer = solve(network, think_s=1.0, users=1_000_000)
    assert close(answer.residence_s["hops"], 0.05) and answer.utilisation["hops"] == 0
    assert answer.throughput == pytest.approx(100, rel=1e-6)


def test_curve_answers_in_the_order_asked_and_as_solve_does():
    stations, think = NETWORKS["servers and a delay"]
    populations = [1_000_000, 3, 2_500, 3]
    answers = curve(stations, think, populations)
    assert [a.users for a in answers] == populations
    assert [a.throughput for a in answers] == [solve(stations, think, n).throughput for n in populations]


def test_a_million_users_on_ten_stations_flatten_at_the_bottleneck():
    stations = [Station(f"tier{k}", 0.001 * (k + 1), servers=k % 3 + 1) for k in range(9)]
    answer = solve([*stations, Station("hops", 0.05, delay=True)], 3.0, 1_000_000)
    assert answer.throughput == pytest.approx(1 / 0.007, rel=1e-6)  # tier6: 7 ms on one server


@pytest.mark.parametrize(
    ("stations", "think", "users", "message"),
    [
        ([Station("cpu", -0.1)], 1.0, 10, "demand"),
        ([Station("cpu", 0.1)], 1.0, 0, "users"),
        ([Station("cpu", 0.1, servers=0)], 1.0, 10, "servers"),
        ([Station("cpu", 0.1)], -1.0, 10, "think"),
        ([Station("cpu", 0.1), Station("cpu", 0.2)], 1.0, 10, "unique"),
        ([], 1.0, 10, "at least one station"),
        ([Station("cpu", 0.0)], 0.0, 10, "infinite"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(stations, think, users, message):
    with pytest.raises(ValueError, match=message):
        solve(stations, think, users)

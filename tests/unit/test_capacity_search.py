"""Capacity plans: the fewest cores meeting an SLO, checked against the queueing model itself and brute force."""

import itertools

import pytest

from lab.model import mva
from lab.model.capacity import Tier, plan

# Small systems a brute-force search can check: (tiers, fixed delay, think time, users, SLO).
SMALL = {
    "two tiers": ([Tier("web", 0.01, cores_per_replica=1), Tier("app", 0.02)], 0.005, 1.0, 200, 0.1),
    "three tiers": (
        [Tier("web", 0.004, cores_per_replica=1), Tier("app", 0.012), Tier("search", 0.03, cores_per_replica=4)],
        0.01,
        2.0,
        800,
        0.15,
    ),
    "past the exact limit": ([Tier("api", 0.003), Tier("worker", 0.02, cores_per_replica=1)], 0.0, 0.5, 5_000, 0.2),
}

# Big enough that the search grows tiers in strides and must trim the overshoot.
LARGE = {
    "three tiers at 50,000 users": (
        [Tier("web", 0.004, cores_per_replica=1), Tier("app", 0.012), Tier("search", 0.03, cores_per_replica=4)],
        0.01,
        2.0,
        50_000,
        0.06,
    ),
    "two tiers at 20,000 users": (
        [Tier("api", 0.003), Tier("worker", 0.02, cores_per_replica=1)],
        0.02,
        1.0,
        20_000,
        0.045,
    ),
}


def modelled_response_s(tiers: list[Tier], replicas: dict[str, int], delay_s: float, think_s: float, users: int):
    """The response time of these replicas, built straight from mva: an independent check on the plan."""
    stations = [mva.Station(t.name, t.demand_s, servers=replicas[t.name] * t.cores_per_replica) for t in tiers]
    return mva.solve([*stations, mva.Station("hops", delay_s, delay=True)], think_s, users).response_s


@pytest.mark.parametrize("name", [*SMALL, *LARGE])
def test_the_plan_meets_the_slo_and_one_replica_less_anywhere_breaks_it(name):
    tiers, delay, think, users, slo = {**SMALL, **LARGE}[name]
    found = plan(tiers, delay, think, users, slo)
    assert found.feasible and found.limit is None
    assert found.response_s <= slo
    assert modelled_response_s(tiers, found.replicas, delay, think, users) == pytest.approx(found.response_s)
    for tier in tiers:
        if found.replicas[tier.name] > 1:
            fewer = {**found.replicas, tier.name: found.replicas[tier.name] - 1}
            assert modelled_response_s(tiers, fewer, delay, think, users) > slo, tier.name


@pytest.mark.parametrize("name", SMALL)
def test_small_plans_use_no_more_cores_than_a_brute_force_search_finds(name):
    tiers, delay, think, users, slo = SMALL[name]
    found = plan(tiers, delay, think, users, slo)
    fewest = min(
        sum(r * t.cores_per_replica for r, t in zip(replicas, tiers, strict=True))
        for replicas in itertools.product(*(range(1, found.replicas[t.name] + 3) for t in tiers))
        if modelled_response_s(tiers, dict(zip([t.name for t in tiers], replicas, strict=True)), delay, think, users)
        <= slo
    )
    assert found.total_cores == fewest
    assert found.total_cores == sum(found.cores.values())


def test_a_freely_scaling_tier_gets_more_replicas_as_users_grow():
    tiers = [Tier("app", 0.01)]
    plans = [plan(tiers, 0.0, 1.0, users, 0.1) for users in (100, 1_000, 10_000, 100_000)]
    replicas = [p.replicas["app"] for p in plans]
    assert all(p.feasible and p.response_s <= 0.1 for p in plans)
    assert replicas == sorted(replicas) and replicas[0] < replicas[-1]
    # 100,000 users at under 1.1 s a cycle ask about 91,000 req/s * 10 ms = 910 busy cores: 455 replicas of 2.
    assert 455 <= replicas[-1] <= 500


def test_a_tier_capped_at_one_replica_scales_up_then_makes_the_plan_infeasible_and_is_named():
    tiers = [Tier("app", 0.002), Tier("db", 0.001, max_replicas=1, max_cores_per_replica=8)]
    # 5,000 users ask about 4,500 req/s of 1 ms: more than the 2 cores one replica starts with.
    grown = plan(tiers, 0.0, 1.0, 5_000, 0.1)
    assert grown.feasible and grown.replicas["db"] == 1 and 4 < grown.cores["db"] <= 8
    # 20,000 users would need about 18,000 req/s; 8 cores of 1 ms serve 8,000 at most.
    capped = plan(tiers, 0.0, 1.0, 20_000, 0.1)
    assert not capped.feasible
    assert capped.limit.startswith("db:") and "8,000 req/s" in capped.limit
    assert capped.replicas["db"] == 1 and capped.cores["db"] == 8
    assert capped.throughput <= 8_000 * (1 + 1e-9) and capped.response_s > 0.1


def test_a_serial_tier_caps_throughput_at_one_over_its_demand():
    tiers = [Tier("app", 0.01), Tier("write lock", 0.004, serial=True)]
    found = plan(tiers, 0.0, 1.0, 1_000, 0.2)
    assert not found.feasible and found.limit.startswith("write lock:")
    assert found.replicas["write lock"] == 1 and found.cores["write lock"] == 1
    assert found.throughput == pytest.approx(1 / 0.004, rel=1e-3) and found.throughput <= 250 * (1 + 1e-9)


def test_a_serial_tier_under_light_load_still_allows_a_feasible_plan():
    found = plan([Tier("app", 0.01), Tier("write lock", 0.004, serial=True)], 0.0, 1.0, 50, 0.2)
    assert found.feasible and found.cores["write lock"] == 1 and found.response_s <= 0.2
    assert found.total_cores == found.cores["app"]  # the lock is inside the app's machine: no core of its own


def test_an_slo_below_the_bare_service_time_is_infeasible_whatever_the_cores():
    # 10 ms of CPU plus 300 ms of hops can never fit in 200 ms.
    found = plan([Tier("app", 0.01)], 0.3, 1.0, 1_000, 0.2)
    assert not found.feasible and "310 ms" in found.limit
    assert found.response_s >= 0.31


def test_a_fixed_delay_leaves_less_of_the_slo_for_queueing_and_so_needs_more_cores():
    tiers = [Tier("app", 0.01), Tier("search", 0.02)]
    # Without hops 58 cores already answer in 63 ms (fewer would saturate); 65 ms of hops leave 5 ms to queue.
    without = plan(tiers, 0.0, 1.0, 2_000, 0.1)
    with_hops = plan(tiers, 0.065, 1.0, 2_000, 0.1)
    assert with_hops.feasible and 0.095 <= with_hops.response_s <= 0.1
    assert with_hops.total_cores > without.total_cores


def test_ten_tiers_at_a_million_users_are_planned_from_the_utilisation_bound():
    tiers = [Tier(f"service{k}", 0.0025 if k < 3 else 0.0005 * k) for k in range(9)]
    tiers.append(Tier("postgres", 0.00005, max_replicas=1, max_cores_per_replica=64))
    found = plan(tiers, 0.01, 3.0, 1_000_000, 0.2)
    assert found.feasible and found.response_s <= 0.2
    # About 1,000,000 / 3.2 s = 312,500 req/s; a 2.5 ms tier then keeps 781 cores busy.
    assert found.throughput == pytest.approx(312_500, rel=0.01)
    assert 782 <= found.cores["service0"] <= 900
    assert found.replicas["postgres"] == 1 and found.cores["postgres"] <= 64


@pytest.mark.parametrize(
    ("tiers", "delay", "think", "users", "slo", "message"),
    [
        ([Tier("app", 0.01)], 0.0, 1.0, 0, 0.1, "users"),
        ([Tier("app", 0.01)], 0.0, 1.0, 100, 0.0, "SLO"),
        ([Tier("app", 0.01)], -0.1, 1.0, 100, 0.1, "delay"),
        ([Tier("app", 0.01)], 0.0, -1.0, 100, 0.1, "think"),
        ([Tier("app", -0.01)], 0.0, 1.0, 100, 0.1, "demand"),
        ([Tier("app", 0.01, cores_per_replica=0)], 0.0, 1.0, 100, 0.1, "cores per replica"),
        ([Tier("db", 0.01, cores_per_replica=4, max_replicas=1, max_cores_per_replica=2)], 0.0, 1.0, 100, 0.1, "max"),
        ([Tier("app", 0.01), Tier("app", 0.02)], 0.0, 1.0, 100, 0.1, "unique"),
        ([], 0.0, 1.0, 100, 0.1, "non-empty"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(tiers, delay, think, users, slo, message):
    with pytest.raises(ValueError, match=message):
        plan(tiers, delay, think, users, slo)

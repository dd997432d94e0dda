"""What a fault did, from a per-second timeline: shares succeeded, recovery time, and the data check's rules."""

import pytest

from bookstore.seed import book as seeded_book
from lab.chaos.availability import (
    Phases,
    activity_of,
    recovered_at,
    recovery_s,
    series_by_activity,
    share_succeeded,
    summary,
)
from lab.chaos.data_check import problems_in

BOOKS = "GET /api/books/[id]"
ORDER = "POST /api/orders"


def timeline(per_second: dict[int, dict[str, tuple[int, int]]]) -> dict:
    return {"seconds": {str(s): {k: list(v) for k, v in keys.items()} for s, keys in per_second.items()}}


# Seconds 100-104 fine, 105-109 the part is down (browsing fails, ordering fails), 110 half, 111-114 fine again.
OUTAGE = timeline(
    {s: {BOOKS: (10, 0), ORDER: (2, 0)} for s in range(100, 105)}
    | {s: {BOOKS: (0, 10), ORDER: (0, 2)} for s in range(105, 110)}
    | {110: {BOOKS: (5, 5)}}
    | {s: {BOOKS: (10, 0), ORDER: (2, 0)} for s in range(111, 115)}
)
PHASES = Phases(stopped_at=105.0, down_at=105.0, restarted_at=109.0, ready_at=110.0)


def test_an_endpoint_belongs_to_the_activity_a_shopper_was_doing():
    assert activity_of(BOOKS) == "browse" and activity_of(ORDER) == "order" and activity_of("GET /x") == "other"


def test_the_share_succeeded_counts_the_requests_sent_inside_the_window():
    assert share_succeeded(OUTAGE["seconds"], 100, 105) == 1.0
    assert share_succeeded(OUTAGE["seconds"], 105, 110) == 0.0
    assert share_succeeded(OUTAGE["seconds"], 105, 111) == pytest.approx(5 / 70)
    assert share_succeeded(OUTAGE["seconds"], 200, 210) is None


def test_recovery_is_counted_from_the_restart_to_the_first_second_of_normal_service():
    assert recovery_s(OUTAGE["seconds"], PHASES) == pytest.approx(2.0)  # 110 was the last bad second


def test_recovery_needs_three_good_seconds_in_a_row_not_one_lucky_second():
    shares = {110: (10, 0), 111: (0, 10), 112: (10, 0), 113: (19, 1), 114: (10, 0), 115: (10, 0)}
    flaky = timeline({s: {BOOKS: counts} for s, counts in shares.items()})
    assert recovered_at(flaky["seconds"], since=110) == 112  # 113 at exactly 95 % counts as normal


def test_a_second_still_running_is_not_judged_yet():
    recovering = timeline({s: {BOOKS: (10, 0)} for s in range(111, 114)})
    assert recovered_at(recovering["seconds"], since=110, until=113.5) is None  # 113 is not over
    assert recovered_at(recovering["seconds"], since=110, until=114.0) == 111


def test_a_fault_that_never_hurt_recovers_in_no_time():
    fine = timeline({s: {BOOKS: (10, 0)} for s in range(100, 110)})
    assert recovery_s(fine["seconds"], PHASES) == 0.0


def test_service_still_failing_at_the_end_has_not_recovered():
    failing = timeline({s: {BOOKS: (0, 1)} for s in range(100, 115)})
    assert recovery_s(failing["seconds"], PHASES) is None


def test_the_series_per_activity_is_relative_to_the_stop():
    series = series_by_activity(OUTAGE["seconds"], PHASES.stopped_at)
    assert series["browse"][0] == (-5, 1.0) and dict(series["browse"])[5] == 0.5
    assert 5 not in dict(series["order"])  # no order was sent in that second


def test_the_summary_splits_before_down_and_after_per_activity():
    outcome = summary(OUTAGE, PHASES)
    assert outcome["succeeded_before"] == 1.0 and outcome["succeeded_while_down"] == 0.0
    assert outcome["while_down_by_activity"]["order"] == 0.0 and outcome["while_down_by_activity"]["quote"] is None
    assert outcome["succeeded_after"] == pytest.approx(53 / 58)  # second 110 half, then four good seconds
    assert outcome["succeeded_after_recovery"] == 1.0  # from 111, the first of three good seconds in a row


def test_the_data_check_passes_when_every_201_is_confirmed_and_stock_adds_up():
    stock = {1: seeded_book(1)["stock"] - 3, 2: seeded_book(2)["stock"]}
    assert problems_in([7], {7: "confirmed", 8: "failed"}, {7: "booked"}, stock, {1: 3}) == []


def test_the_data_check_names_a_201_that_was_lost_or_left_unshipped():
    problems = problems_in([7, 8, 9], {7: "pending", 9: "confirmed"}, {9: "cancelled"}, {}, {})
    assert problems == [
        "order 7 was answered 201 but is pending",
        "order 8 was answered 201 but is missing",
        "order 9 was answered 201 but its shipment is cancelled",
    ]


def test_the_data_check_names_stock_kept_by_an_order_that_failed():
    seeded = seeded_book(1)["stock"]
    stock = {1: seeded - 5}  # 3 sold by a confirmed order, 2 still held by a failed one
    assert problems_in([], {}, {}, stock, {1: 3}) == [
        f"book 1 has {seeded - 5} in stock; seed minus confirmed orders is {seeded - 3}"
    ]

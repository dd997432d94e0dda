"""wrk is started again until every worker of the driven server holds one of its connections."""

import pytest

from lab.bench.micro.spread import start_spread


class Starts:
    """Load starts whose splits come from a script; records which were stopped."""

    def __init__(self, splits: list[list[int]]):
        self.splits, self.started, self.stopped, self.events = splits, 0, [], []

    def start(self) -> int:
        self.started += 1
        self.events.append(f"start {self.started}")
        return self.started

    def stop(self, running: int) -> None:
        self.stopped.append(running)
        self.events.append(f"stop {running}")

    def settle(self) -> None:
        self.events.append("settle")

    def split(self, running: int) -> list[int]:
        return self.splits[running - 1]


def test_a_start_that_leaves_a_worker_without_a_connection_is_stopped_and_made_again():
    starts = Starts([[16, 0], [0, 16], [12, 4]])
    running, split, made = start_spread(starts.start, starts.stop, starts.split, starts.settle, attempts=5)
    assert (running, split, made) == (3, [12, 4], 3)
    assert starts.stopped == [1, 2]
    # what a stopped start sent is finished before the next start begins to count
    assert starts.events == ["start 1", "stop 1", "settle", "start 2", "stop 2", "settle", "start 3"]


def test_a_spread_start_is_kept_at_once():
    starts = Starts([[1, 15]])
    assert start_spread(starts.start, starts.stop, starts.split, starts.settle) == (1, [1, 15], 1)
    assert starts.stopped == []


def test_after_the_last_attempt_the_run_goes_on_with_its_split_on_record():
    starts = Starts([[16, 0]] * 3)
    running, split, made = start_spread(starts.start, starts.stop, starts.split, starts.settle, attempts=3)
    assert (running, split, made) == (3, [16, 0], 3)
    assert starts.stopped == [1, 2]  # the last one is measured, not stopped


def test_no_attempt_at_all_is_refused():
    starts = Starts([[8, 8]])
    with pytest.raises(ValueError, match="at least 1"):
        start_spread(starts.start, starts.stop, starts.split, starts.settle, attempts=0)


def test_a_failure_while_counting_stops_the_load_it_started():
    starts = Starts([[16, 0]])

    def broken(running: int) -> list[int]:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        start_spread(starts.start, starts.stop, broken, starts.settle)
    assert starts.stopped == [1]

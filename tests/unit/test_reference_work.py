"""The machine's speed while a run is measured: the fixed work's CPU time, as a median over any window."""

import json
import time

from lab.load.reference_work import ReferenceWork, fixed_work


def test_the_median_takes_only_the_samples_inside_the_window(tmp_path):
    samples = tmp_path / "reference_work.jsonl"
    samples.write_text(
        "".join(
            json.dumps(sample) + "\n" for sample in [[10.0, 9.0], [10.5, 6.0], [11.0, 7.0], [11.5, 8.0], [12.0, 20.0]]
        )
    )
    found = ReferenceWork(samples)
    assert found.median_ms(10.5, 11.5) == 7.0
    assert found.median_ms(20.0, 30.0) is None


def test_a_last_line_cut_short_by_the_kill_is_left_out(tmp_path):
    samples = tmp_path / "reference_work.jsonl"
    samples.write_text("[10.0, 9.0]\n[10.5, 6.0]\n[11.0, 7")
    assert ReferenceWork(samples).median_ms(0.0, 100.0) == 7.5


def test_without_samples_the_machine_speed_is_unknown(tmp_path):
    assert ReferenceWork(tmp_path / "missing.jsonl").median_ms(0.0, 100.0) is None


def test_the_sampling_process_records_the_fixed_work_until_stopped(tmp_path):
    reference = ReferenceWork(tmp_path / "reference_work.jsonl")
    started = time.time()
    reference.start()
    try:
        deadline = time.monotonic() + 120  # a slow, busy machine starts Python slowly
        while reference.median_ms(started, time.time()) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert reference.median_ms(started, time.time()) > 0
    finally:
        reference.stop()
    assert reference.process.poll() is not None


def test_the_fixed_work_is_the_same_work_every_time():
    assert fixed_work() == fixed_work()

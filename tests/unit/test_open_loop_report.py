"""The open loop in the report: its sections drawn from records, and said missing, not failing, without them."""

from lab.load import open_loop_figures as figures
from lab.load.open_loop_phases import spike, staircase
from lab.load.open_loop_samples import Answer, Samples
from lab.load.overload_verdicts import verdicts
from lab.records import write_record
from lab.records.open_loop import OpenLoopRecord
from lab.report.build import build_report
from lab.report.open_comparison import closed_p99_at, tails
from tests.run_records import step_record
from tests.saturation_runs import saturation_run

MACHINE = {"cpu_model": "test", "cores": 2, "memory_gib": 4.0, "os": "Linux"}


def _record(kind: str, label: str, shares: tuple[float, ...] = (0.5, 1.0, 1.5)) -> OpenLoopRecord:
    plan = staircase(100, list(shares), 2) if kind == "staircase" else spike(100, 0.5, 3, 2, 2, 2)
    answers, at = [], 1000.0
    for index, phase in enumerate(plan):
        for i in range(phase.rate * phase.seconds):
            outcome = "refused" if phase.rate > 100 and i % 3 else "good"
            answers.append(Answer(index, at + i / phase.rate, at + i / phase.rate + 0.01 * (1 + index), outcome, "x"))
        at += phase.seconds
    phase_figures = figures.by_phase(Samples(answers), plan)
    seconds = figures.by_second(answers)
    return OpenLoopRecord(
        kind=kind,
        architecture=label,
        label=label,
        database="postgres",
        git_commit="abc",
        git_dirty=False,
        date="2026-12-03T00:00:00+00:00",
        machine=MACHINE,
        python="3.11",
        packages={},
        capacity_rps=100,
        capacity_from=f"{label}/saturation/run.json",
        admission_queue=8 if kind == "overload" else None,
        settings={},
        phases=phase_figures,
        seconds=seconds,
        verdicts=verdicts(phase_figures, seconds, 100, True) if kind == "overload" else [],
    )


def test_the_report_shows_open_loop_and_overload_runs(tmp_path):
    for label in ("monolith", "three_tier"):
        for kind, folder in (("staircase", "open"), ("overload", "overload")):
            (tmp_path / label / folder).mkdir(parents=True)
            write_record(tmp_path / label / folder / f"{folder}.json", _record(kind, label))
    page = build_report(tmp_path).read_text()
    assert "Offered load: the open loop" in page and "Overload: a spike" in page
    assert (tmp_path / "open_latency_vs_load.png").exists() and (tmp_path / "overload_monolith.png").exists()
    assert "back to the pre-spike p99" in page


def test_the_report_builds_without_open_loop_runs(tmp_path):
    page = build_report(tmp_path).read_text()
    assert "make bench-open ARCH=" in page and "make overload-all" in page


def _closed(*points: tuple[float, float]):
    steps = [
        step_record(users=10 * (i + 1), throughput_rps=rps, latency_ms={"p99": p99})
        for i, (rps, p99) in enumerate(points)
    ]
    return saturation_run(*steps)


def test_the_closed_loops_p99_is_read_between_its_rising_steps_and_held_at_its_knee():
    closed = _closed((40.0, 20.0), (80.0, 60.0), (100.0, 400.0), (90.0, 2000.0))
    assert closed_p99_at(closed, 60.0) == (40.0, 60.0)  # halfway between the first two steps
    assert closed_p99_at(closed, 120.0) == (400.0, 100.0)  # past the knee: the knee's own, at its throughput
    assert closed_p99_at(closed, 10.0) == (None, None)  # below its first step it measured nothing


def test_the_tail_table_sets_the_open_loop_beside_the_closed_loop_near_the_knee():
    closed = _closed((50.0, 30.0), (100.0, 90.0))
    found = tails(_record("staircase", "monolith", (0.4, 0.8, 1.2)), closed)
    assert [t.phase.offered_rps for t in found] == [80, 120]
    assert [(t.closed_p99_ms, t.closed_rps) for t in found] == [(66.0, 80.0), (90.0, 100.0)]
    assert all(t.ratio and t.ratio > 0 for t in found)
    assert tails(_record("staircase", "monolith", (0.5, 1.0, 1.5)), closed) == []  # no step near 0.8x or 1.2x

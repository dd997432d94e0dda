"""The open loop in the report: its sections drawn from records, and said missing, not failing, without them."""

from lab.load import open_loop_figures as figures
from lab.load.open_loop_phases import spike, staircase
from lab.load.open_loop_samples import Answer, Samples
from lab.load.overload_verdicts import verdicts
from lab.records import write_record
from lab.records.open_loop import OpenLoopRecord
from lab.report.build import build_report

MACHINE = {"cpu_model": "test", "cores": 2, "memory_gib": 4.0, "os": "Linux"}


def _record(kind: str, label: str) -> OpenLoopRecord:
    plan = staircase(100, [0.5, 1.0, 1.5], 2) if kind == "staircase" else spike(100, 0.5, 3, 2, 2, 2)
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

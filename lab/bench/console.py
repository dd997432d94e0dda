"""What a finished run says on the terminal: its totals, or for a saturation run its steps and its capacity."""

from pathlib import Path

from lab.records import RunRecord, Step, capacity_step


def say_finished(run: RunRecord, title: str, out: Path) -> None:
    """The run's result in a few lines, then anything that makes it suspect."""
    if run.steps:
        _say_steps(run.steps, title, out)
    else:
        totals = run.totals
        print(
            f"[{title}] {totals.requests} requests, {totals.throughput_rps:.1f} req/s, "
            f"p50 {totals.latency_ms.p50:,.0f} ms, p95 {totals.latency_ms.p95:,.0f} ms, "
            f"failures {totals.failure_ratio:.2%} -> {out}",
            flush=True,
        )
    for name, gone in (run.restarted_processes or {}).items():
        if gone:
            print(f"  WARNING: {gone} process(es) of {name} died during the run and were replaced", flush=True)
    for check in run.checks:
        print(f"  check {check.command}: {'passed' if check.passed else 'FAILED'}", flush=True)
    generator = run.load_generator
    if generator.saturated:
        print(
            f"  WARNING: Locust used {generator.cpu_share_of_one_core:.0%} of a core: the load generator was "
            "saturated, so these numbers understate the server",
            flush=True,
        )


def _say_steps(steps: list[Step], title: str, out: Path) -> None:
    # Totals over every step would average a light step with a saturated one: the steps speak for themselves.
    for step in steps:
        verdict = f" -> saturated: {step.stop_reason}" if step.stop_reason else ""
        print(
            f"  step {step.users:>5} users: {step.throughput_rps:6.1f} req/s, "
            f"p95 {step.latency_ms.p95:,.0f} ms{verdict}",
            flush=True,
        )
    best, last = capacity_step(steps), steps[-1]
    ending = f"saturated at {last.users:,} users" if last.stop_reason else f"not saturated at {last.users:,}"
    print(
        f"[{title}] capacity {best.throughput_rps:.1f} req/s, the most of any step (at {best.users:,} "
        f"users, p95 {best.latency_ms.p95:,.0f} ms); {ending} -> {out}",
        flush=True,
    )

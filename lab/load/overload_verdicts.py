"""The overload run's targets, judged: goodput through the spike, fast refusals, recovery, nothing lost."""

from lab.records.open_loop import PhaseFigures, Second, Verdict


def recovery_s(seconds: list[Second], spike_end: int, before_p99: float, tolerance: float) -> int | None:
    """Seconds after the spike's end until every later second's p99 stays within tolerance x the pre-spike p99;
    None if it never does. A second with no answers counts as not recovered."""
    after = [second for second in seconds if second.t >= spike_end]
    limit = tolerance * before_p99
    for k, second in enumerate(after):
        if all(later.p99_ms is not None and later.p99_ms <= limit for later in after[k:]):
            return second.t - spike_end
    return None


def verdicts(
    phases: list[PhaseFigures],
    seconds: list[Second],
    capacity_rps: float,
    data_passed: bool,
    *,
    goodput_share: float = 0.9,
    refusal_p99_ms: float = 100,
    recovery_limit_s: float = 5,
    tolerance: float = 1.5,
    unrefused_share: float = 0.01,
) -> list[Verdict]:
    """The four targets over a before / spike / after run (lab/load/open_loop_phases.spike)."""
    before, peak, _after = phases
    share = peak.goodput_rps / capacity_rps if capacity_rps else 0.0
    refusal_p99 = peak.refusal_ms.p99
    unrefused = peak.errors + peak.dropped  # excess that timed out, failed or was never sent
    fast = refusal_p99 is None or refusal_p99 < refusal_p99_ms
    spike_end = int(before.seconds + peak.seconds)
    recovered = recovery_s(seconds, spike_end, before.open_ms.p99 or 0.0, tolerance)
    return [
        Verdict(
            name="goodput through the spike",
            target=f">= {goodput_share:.0%} of capacity ({goodput_share * capacity_rps:.1f} correct answers/s)",
            measured=f"{peak.goodput_rps:.1f}/s, {share:.0%} of {capacity_rps:.1f}",
            passed=share >= goodput_share,
        ),
        Verdict(
            name="the excess refused fast",
            target=f"503 + Retry-After in the error shape, p99 < {refusal_p99_ms:g} ms; errors and dropped "
            f"<= {unrefused_share:.0%} of the spike's requests",
            measured=f"{peak.refused} refused, p99 {_ms(refusal_p99)}; {peak.errors} errors, {peak.dropped} dropped",
            passed=fast and unrefused <= unrefused_share * max(1, peak.answers + peak.dropped),
        ),
        Verdict(
            name="back to the pre-spike p99",
            target=f"within {recovery_limit_s:g} s of the spike's end "
            f"(each second's p99 <= {tolerance:g}x {_ms(before.open_ms.p99)})",
            measured="never" if recovered is None else f"after {recovered} s",
            passed=recovered is not None and recovered <= recovery_limit_s,
        ),
        Verdict(
            name="nothing lost",
            target="the data checks pass: no oversold stock, no half-made or doubled order",
            measured="passed" if data_passed else "FAILED",
            passed=data_passed,
        ),
    ]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} ms"

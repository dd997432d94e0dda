"""The overload run's targets, judged: goodput through the spike, fast refusals, recovery, nothing lost."""

from lab.i18n import N_, _, number, percent
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
            name=N_("goodput through the spike"),
            target=_(">= {share} of capacity ({rps} correct answers/s)").format(
                share=percent(goodput_share), rps=number(goodput_share * capacity_rps, 1)
            ),
            measured=_("{goodput}/s, {share} of {capacity}").format(
                goodput=number(peak.goodput_rps, 1), share=percent(share), capacity=number(capacity_rps, 1)
            ),
            passed=share >= goodput_share,
        ),
        Verdict(
            name=N_("the excess refused fast"),
            target=_(
                "503 + Retry-After in the error shape, p99 < {limit} ms; errors and dropped <= {share} of the "
                "spike's requests"
            ).format(limit=plain_number(refusal_p99_ms), share=percent(unrefused_share)),
            measured=_("{refused} refused, p99 {p99}; {errors} errors, {dropped} dropped").format(
                refused=number(peak.refused),
                p99=_ms(refusal_p99),
                errors=number(peak.errors),
                dropped=number(peak.dropped),
            ),
            passed=fast and unrefused <= unrefused_share * max(1, peak.answers + peak.dropped),
        ),
        Verdict(
            name=N_("back to the pre-spike p99"),
            target=_("within {limit} s of the spike's end (each second's p99 <= {tolerance}x {p99})").format(
                limit=plain_number(recovery_limit_s), tolerance=plain_number(tolerance), p99=_ms(before.open_ms.p99)
            ),
            measured=_("never") if recovered is None else _("after {seconds} s").format(seconds=number(recovered)),
            passed=recovered is not None and recovered <= recovery_limit_s,
        ),
        Verdict(
            name=N_("nothing lost"),
            target=_("the data checks pass: no oversold stock, no half-made or doubled order"),
            measured=_("passed") if data_passed else _("FAILED"),
            passed=data_passed,
        ),
    ]


def plain_number(value: float) -> str:
    """A setting as short as it reads (100, 1.5), in the language spoken now."""
    return number(value, len(f"{value:g}".partition(".")[2]))


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{number(value)} ms"

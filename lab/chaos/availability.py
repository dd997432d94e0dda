"""What a fault did to the shoppers, from the per-second timeline: availability per endpoint, outage share, recovery."""

from dataclasses import dataclass

from lab.i18n import N_, _

# Endpoints grouped by what a shopper was doing, so a chart shows which parts of the store kept working.
ACTIVITIES = {
    "browse": (
        "GET /api/books?page=[page]",
        "GET /api/books?q=[q]",
        "GET /api/books/[id]",
        "GET /api/books?page_size=1",
    ),
    "quote": ("GET /api/shipping/quote",),
    "sign in": ("POST /api/accounts", "POST /api/sessions", "GET /api/accounts/me"),
    "order": ("POST /api/orders",),
    "my orders": ("GET /api/orders", "GET /api/orders/[id]", "GET /api/shipments/[id]"),
}
RECOVERED_SHARE = 0.95  # a second counts as served normally when at least this share of its requests succeeded
RECOVERED_SECONDS = 3  # recovered: this many seconds in a row served normally, not one lucky second


@dataclass(frozen=True)
class Phases:
    """Epoch seconds: stop asked (requests in flight may still finish), stopped, start asked, ready again."""

    stopped_at: float
    down_at: float
    restarted_at: float
    ready_at: float


def activity_of(endpoint: str) -> str:
    """The shopper activity an endpoint ("METHOD name") belongs to."""
    for activity, endpoints in ACTIVITIES.items():
        if endpoint in endpoints:
            return activity
    return "other"


# The activities' names as a reader sees them (the keys stay English in records): marked for the catalog here.
SHOWN = (N_("browse"), N_("quote"), N_("sign in"), N_("order"), N_("my orders"), N_("other"), N_("all"))


def activity_name(activity: str) -> str:
    """An activity's name in the language spoken now."""
    return _(activity)


def _totals(seconds: dict[str, dict[str, list[int]]], keep=lambda endpoint: True) -> dict[int, tuple[int, int]]:
    totals: dict[int, tuple[int, int]] = {}
    for second, endpoints in seconds.items():
        ok = sum(counts[0] for endpoint, counts in endpoints.items() if keep(endpoint))
        failed = sum(counts[1] for endpoint, counts in endpoints.items() if keep(endpoint))
        if ok + failed:
            totals[int(second)] = (ok, failed)
    return totals


def series_by_activity(seconds: dict, origin: float) -> dict[str, list[tuple[int, float]]]:
    """Per activity, (second relative to origin, share succeeded) for every second that had requests."""
    series = {}
    for activity in [*ACTIVITIES, "other"]:
        totals = _totals(seconds, lambda endpoint, a=activity: activity_of(endpoint) == a)
        if totals:
            series[activity] = [(s - int(origin), ok / (ok + failed)) for s, (ok, failed) in sorted(totals.items())]
    return series


def share_succeeded(seconds: dict, start: float, end: float, endpoints=None) -> float | None:
    """Share of requests sent in [start, end) that succeeded (None when there were none)."""
    keep = (lambda endpoint: endpoint in endpoints) if endpoints else (lambda endpoint: True)
    window = [v for s, v in _totals(seconds, keep).items() if start <= s + 0.5 < end]
    sent = sum(ok + failed for ok, failed in window)
    return sum(ok for ok, _ in window) / sent if sent else None


def recovered_at(seconds: dict, since: float, until: float = float("inf")) -> int | None:
    """The first second, at or after `since`, that begins RECOVERED_SECONDS seconds in a row served normally.

    Only seconds over by `until` count, so that a timeline read while the load still runs is judged on whole
    seconds. Seconds in which no request was sent neither break nor extend a run. None: not recovered (yet).
    """
    in_a_row: list[int] = []
    for second, (ok, failed) in sorted(_totals(seconds).items()):
        if second < int(since) or second + 1 > until:
            continue
        in_a_row = [*in_a_row, second] if ok / (ok + failed) >= RECOVERED_SHARE else []
        if len(in_a_row) == RECOVERED_SECONDS:
            return in_a_row[0]
    return None


def recovery_s(seconds: dict, phases: Phases) -> float | None:
    """Seconds from the restart to the first of RECOVERED_SECONDS seconds in a row served normally once the part
    was ready again; 0 when service never dropped, None when it had not recovered by the end of the run."""
    if all(ok / (ok + failed) >= RECOVERED_SHARE for ok, failed in _totals(seconds).values()):
        return 0.0
    recovered = recovered_at(seconds, phases.ready_at)
    return None if recovered is None else max(0.0, recovered - phases.restarted_at)


def summary(timeline: dict, phases: Phases) -> dict:
    """The outcome of one fault: shares succeeded before, during and after, per activity, and the recovery."""
    seconds = timeline["seconds"]
    first = min(int(s) for s in seconds)
    recovered = recovered_at(seconds, phases.ready_at)
    during = {
        activity: share_succeeded(seconds, phases.down_at, phases.ready_at, endpoints)
        for activity, endpoints in ACTIVITIES.items()
    }
    return {
        # Whole seconds only: requests sent in the second of the stop already meet the stopping part.
        "succeeded_before": share_succeeded(seconds, first, int(phases.stopped_at)),
        "succeeded_while_stopping": share_succeeded(seconds, phases.stopped_at, phases.down_at),
        "succeeded_while_down": share_succeeded(seconds, phases.down_at, phases.ready_at),
        "succeeded_after": share_succeeded(seconds, phases.ready_at, float("inf")),
        "while_down_by_activity": during,
        "recovery_s": recovery_s(seconds, phases),
        "succeeded_after_recovery": None if recovered is None else share_succeeded(seconds, recovered, float("inf")),
        "failure_reasons": timeline.get("failure_reasons", {}),
    }

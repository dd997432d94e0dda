"""The measured points the charts and the model share: flat profiles (medians of repeats) and saturation steps."""

from lab.report.results import Results, median, spread
from loadtests.profiles import FLAT_PROFILES, SATURATION


def _flat_point(results: Results, label: str, profile: str) -> dict | None:
    repeats = results.repeats(label, profile)
    if not repeats:
        return None
    percentiles = ("mean", "p50", "p95", "p99")
    latency = {k: median([getattr(r.totals.latency_ms, k) for r in repeats]) for k in percentiles}
    spreads = {k: spread([getattr(r.totals.latency_ms, k) for r in repeats]) for k in percentiles}
    throughputs = [r.totals.throughput_rps for r in repeats]
    spreads |= {"throughput_rps": spread(throughputs), "response_ms": spreads.pop("mean")}
    return {
        "users": repeats[0].profile.users,
        "throughput_rps": median(throughputs),
        "latency_ms": latency,
        "response_ms": latency["mean"],
        "kind": "profile",
        "spread": {k: v for k, v in spreads.items() if v},
    }


def steps(results: Results, label: str) -> list[dict]:
    run = results.run(label, SATURATION)
    return [
        {**step.model_dump(), "response_ms": step.latency_ms.mean, "kind": "step"} for step in (run and run.steps) or []
    ]


def measured_points(results: Results, label: str) -> list[dict]:
    """Flat profiles (medians, with spread) and saturation steps, ordered by users."""
    flat = [p for p in (_flat_point(results, label, profile) for profile in FLAT_PROFILES) if p]
    # Where a profile and a step measured the same users, the profile's longer window speaks for both.
    between = [step for step in steps(results, label) if step["users"] not in {p["users"] for p in flat}]
    return sorted(flat + between, key=lambda point: point["users"])

"""When a saturation step counts as saturated, and what a step measured: plain arithmetic, no Locust."""

try:
    from loadtests.settings import SETTINGS
except ImportError:  # `locust -f` run from outside the project root: the file's own folder is on sys.path
    from settings import SETTINGS

# Saturated: p95 past this, more than this share of requests failing, or throughput growing
# less than a quarter as fast as the users did (it would grow as fast below the knee).
P95_LIMIT_MS = SETTINGS.p95_limit_ms
MAX_FAILURE_RATIO = 0.01
MIN_GROWTH_SHARE = 0.25


def _p95(histogram: dict[int, int]) -> float:
    needed, running = 0.95 * sum(histogram.values()), 0
    for bucket in sorted(histogram):
        running += histogram[bucket]
        if running >= needed:
            return bucket
    return 0.0


def measured_step(users: int, start: dict, end: dict) -> dict:
    """One step's figures: differences of the cumulative totals between its start and end."""
    histogram = {
        int(b): n - start["response_times"].get(b, 0)
        for b, n in end["response_times"].items()
        if n > start["response_times"].get(b, 0)
    }
    requests = end["requests"] - start["requests"]
    seconds = end["time"] - start["time"]
    return {
        "users": users,
        "start": start["time"],
        "end": end["time"],
        "seconds": seconds,
        "requests": requests,
        "failures": end["failures"] - start["failures"],
        "throughput_rps": requests / seconds if seconds > 0 else 0.0,
        "mean_ms": (end["total_response_time"] - start["total_response_time"]) / requests if requests else None,
        "response_times": histogram,
        "locust_cpu_seconds": end["cpu_seconds"] - start["cpu_seconds"],
    }


def saturation_reason(step: dict, previous: dict | None) -> str | None:
    """Why this step shows saturation, or None while the server keeps up."""
    if step["requests"] == 0:
        return "no request completed"
    if step["failures"] / step["requests"] > MAX_FAILURE_RATIO:
        return f"{step['failures'] / step['requests']:.1%} of requests failed"
    if _p95(step["response_times"]) > P95_LIMIT_MS:
        return f"p95 passed {P95_LIMIT_MS:.0f} ms"
    if previous and previous["throughput_rps"] > 0:
        grew = step["throughput_rps"] / previous["throughput_rps"] - 1
        users_grew = step["users"] / previous["users"] - 1
        if grew < MIN_GROWTH_SHARE * users_grew:
            return f"throughput grew {grew:.0%} while users grew {users_grew:.0%}"
    return None

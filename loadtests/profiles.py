"""Named load profiles shared by the bench runner, CI and the unit tests."""

from __future__ import annotations

from dataclasses import dataclass

# Wall-clock budget for one architecture's bench (users-100 + users-1000), with every
# server start-up and seed counted, on a 2-core machine shared by the server and Locust.
BENCH_BUDGET_S = 8 * 60
STARTUP_ALLOWANCE_S = 30
BENCH_PROFILES = ("users-100", "users-1000")


@dataclass(frozen=True)
class Profile:
    """One load level: how many users, how fast they arrive, how long we warm up and measure.

    `warmup_s` includes the ramp (users / spawn_rate); statistics from the warm-up are
    discarded, only the following `duration_s` seconds are measured. `shape` names a
    Locust LoadTestShape class for profiles that are not a flat user count (e.g. a future
    step-load saturation run); flat profiles leave it None.
    """

    name: str
    users: int
    spawn_rate: float
    warmup_s: int
    duration_s: int
    description: str
    shape: str | None = None

    def __post_init__(self) -> None:
        if self.users < 1 or self.spawn_rate <= 0 or self.warmup_s < 0 or self.duration_s < 1:
            raise ValueError(f"profile {self.name!r}: users, spawn_rate and duration_s must be positive")
        if self.shape is None and self.ramp_s > self.warmup_s:
            raise ValueError(f"profile {self.name!r}: ramp of {self.ramp_s:.0f} s does not fit in the warm-up")

    @property
    def ramp_s(self) -> float:
        """Seconds Locust needs to start every user."""
        return self.users / self.spawn_rate

    @property
    def run_time_s(self) -> int:
        """Total Locust run time (`--run-time`): warm-up plus measured window."""
        return self.warmup_s + self.duration_s


# Why these durations: the bench budget is 8 min per architecture for users-100 and
# users-1000 together. Each profile costs start-up/seed (~15 s, we allow 30 s) + warm-up +
# measured window, so 30+20+60 + 30+30+90 = 260 s, leaving ~3.5 min of headroom for slower
# start-ups (four services in the microservices build), Locust's stop and report writing.
# - Warm-up covers the ramp (5 s at 100 users, 20 s at 1000 users) plus >= 10 s at full
#   load, so connection pools, caches and the initial burst of logins (argon2 hashing is
#   CPU-heavy) settle before we measure.
# - Measured window: with a 1-5 s think time a user sends ~0.37 requests/s (measured on the
#   monolith), so users-100 gives ~37 req/s, i.e. ~2,200 requests in 60 s: the aggregate p99
#   rests on ~20 tail samples and the big page groups get 400-650 samples each. users-1000
#   is at or past saturation on 2 cores, so throughput is noisier; it gets a longer 90 s.
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "smoke",
            users=10,
            spawn_rate=10,
            warmup_s=2,
            duration_s=6,
            description="CI check that the locustfile and the edge API agree; numbers are not meaningful",
        ),
        Profile(
            "users-100",
            users=100,
            spawn_rate=20,
            warmup_s=20,
            duration_s=60,
            description="moderate load: 100 concurrent shoppers, well below saturation on 2 cores",
        ),
        Profile(
            "users-1000",
            users=1000,
            spawn_rate=50,
            warmup_s=30,
            duration_s=90,
            description="heavy load: 1000 concurrent shoppers, at or past saturation on 2 cores",
        ),
    )
}


def get_profile(name: str) -> Profile:
    """Return the profile called `name`; unknown names raise ValueError listing the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        valid = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown load profile {name!r}; valid profiles: {valid}") from None


def bench_seconds(names: tuple[str, ...] = BENCH_PROFILES, startup_s: int = STARTUP_ALLOWANCE_S) -> int:
    """Wall-clock seconds a bench of `names` takes, allowing `startup_s` per server start."""
    return sum(get_profile(n).run_time_s + startup_s for n in names)

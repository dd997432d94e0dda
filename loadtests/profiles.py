"""Named load profiles shared by the bench runner, CI and the unit tests."""

from __future__ import annotations

from dataclasses import dataclass

# Wall-clock budget for one architecture's bench (users-100, users-1000 and the saturation
# run), with every server start-up and seed counted, on a 2-core machine
# shared by the server and Locust. `make bench-all` runs four of these plus the scaling runs.
BENCH_BUDGET_S = 9 * 60
STARTUP_ALLOWANCE_S = 20
BENCH_PROFILES = ("users-100", "users-1000", "saturation")
FLAT_PROFILES = ("users-100", "users-1000")  # a fixed user count each, so a point on a users axis
SATURATION = "saturation"  # users in rising steps until saturated: the measured half of the million-user answer
# What the saturation run was called until it was named for what it does; results kept from then still load.
FORMER_NAMES = {"users-1000000": SATURATION}


@dataclass(frozen=True)
class Profile:
    """One load level: how many users, how fast they arrive, how long we warm up and measure.

    `warmup_s` includes the ramp (users / spawn_rate); statistics from the warm-up are
    discarded, only the following `duration_s` seconds are measured. `shape` names a
    Locust LoadTestShape class for profiles that are not a flat user count; the step-load
    saturation run ("steps") raises users through `steps`, settling `warmup_s` and measuring
    `duration_s` at each step, and stops early once the server is saturated.
    """

    name: str
    users: int
    spawn_rate: float
    warmup_s: int
    duration_s: int
    description: str
    shape: str | None = None
    steps: tuple[int, ...] = ()
    p95_limit_ms: float | None = None  # a step load's own limit past which a step saturates (else the setting's)

    def __post_init__(self) -> None:
        if self.users < 1 or self.spawn_rate <= 0 or self.warmup_s < 0 or self.duration_s < 1:
            raise ValueError(f"profile {self.name!r}: users, spawn_rate and duration_s must be positive")
        if self.shape is None and self.ramp_s > self.warmup_s:
            raise ValueError(f"profile {self.name!r}: ramp of {self.ramp_s:.0f} s does not fit in the warm-up")
        if self.shape == "steps" and (list(self.steps) != sorted(set(self.steps)) or not self.steps):
            raise ValueError(f"profile {self.name!r}: steps must be distinct user counts in rising order")

    @property
    def ramp_s(self) -> float:
        """Seconds Locust needs to start every user."""
        return self.users / self.spawn_rate

    @property
    def run_time_s(self) -> int:
        """Longest Locust run time: warm-up plus measured window, at every step for a step load."""
        if self.shape == "steps":
            ramps = (b - a for a, b in zip((0, *self.steps), self.steps, strict=False))
            return round(sum(r / self.spawn_rate + self.warmup_s + self.duration_s for r in ramps))
        return self.warmup_s + self.duration_s


# Why these durations: `make bench-all` must run four architectures, each with its three
# profiles and its scaling runs, in 45 min. Each profile costs start-up/seed (~10 s, we allow
# 20 s) + warm-up + measured window.
# - Warm-up covers the ramp (5 s at 100 users, 10 s at 1000 users) plus >= 10 s at full
#   load, so connection pools, caches and the initial burst of logins (argon2 hashing is
#   CPU-heavy) settle before we measure.
# - Measured window: with a 1-5 s think time a user sends ~0.37 requests/s (measured on the
#   monolith), so users-100 gives ~37 req/s, i.e. ~2,200 requests in 60 s: the aggregate p99
#   rests on ~20 tail samples and the big page groups get 400-650 samples each; the capacity
#   model is calibrated on it, so it keeps a full minute. users-1000 sends ~10 times as many
#   requests, so 60 s gives ~20,000 samples.
# - saturation is the measured half of the million-user answer: a saturation run in steps
#   (5 s settle, 20 s measured each) that stops once throughput stops growing, p95 passes the
#   limit or requests fail; the other half is the queueing model (lab/model) calibrated on it.
#   Steps end at 3,000 users: at the ~2.8 ms of CPU per request measured for the leanest
#   architecture, 2 cores serve ~700 req/s, which ~2,000 thinking users already ask for. A step
#   at 750: the model calibrates on the first step (lab/model/load_dependent.py), so the step
#   before a knee at 1,000 users, where three of the architectures meet theirs, must be another.
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
            warmup_s=15,
            duration_s=60,
            description="moderate load: 100 concurrent shoppers, well below saturation on 2 cores",
        ),
        Profile(
            "users-1000",
            users=1000,
            spawn_rate=100,
            warmup_s=20,
            duration_s=60,
            description="heavy load: 1000 concurrent shoppers, near saturation on 2 cores",
        ),
        Profile(
            SATURATION,
            users=3000,
            spawn_rate=100,
            warmup_s=5,
            duration_s=20,
            description="saturation run in steps up to the knee; a queueing model projects it to 1,000,000 users",
            shape="steps",
            steps=(500, 750, 1000, 1500, 2000, 3000),
        ),
    )
}


# The framework floor's load: the shoppers' think time on one bare endpoint, at the request
# rate users-1000 offers, so its CPU per request compares with the architectures' at that load.
FLOOR = Profile(
    "floor",
    users=1000,
    spawn_rate=100,
    warmup_s=15,
    duration_s=20,
    description="a bare gunicorn + Flask JSON endpoint: the least any request costs here",
)


# `make demo`: every architecture in under 8 minutes for a class, all three profiles against one
# start of each architecture. Numbers from these short windows are noisy: the bench is the measurement.
DEMO_PROFILES = {
    p.name: p
    for p in (
        Profile("users-100", users=100, spawn_rate=50, warmup_s=5, duration_s=10, description="demo: 100 shoppers"),
        # 100 a second, as the bench: faster, the buyers' log-ins (password hashing) queue past the warm-up.
        Profile(
            "users-1000", users=1000, spawn_rate=100, warmup_s=15, duration_s=10, description="demo: 1000 shoppers"
        ),
        Profile(
            SATURATION,
            users=2000,
            spawn_rate=150,
            warmup_s=3,
            duration_s=6,
            description="demo: a short saturation run for the million-user model",
            shape="steps",
            steps=(500, 1000, 2000),
        ),
    )
}
# A fixed load past the knee of every architecture here, so that added capacity can show (make bench-scaling).
SCALING = Profile(
    "scaling",
    users=1500,
    spawn_rate=300,
    warmup_s=12,
    duration_s=20,
    description="fixed load of 1,500 shoppers while one component is scaled up or out",
)
# The CAP experiment's roaming shoppers: its phases are its own (lab/cap/experiment.py), so only the users count.
CAP_SHOPPERS = Profile("cap", users=60, spawn_rate=20, warmup_s=3, duration_s=60, description="shoppers at two sites")
DEMO_FLOOR = Profile("floor", users=1000, spawn_rate=200, warmup_s=6, duration_s=8, description="demo: the floor")


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

"""Mean Value Analysis of a single-class closed queueing network: exact, or Schweitzer's approximation for many users.

Multi-server stations follow Seidmann's approximation (Seidmann, Schweitzer & Shalev-Oren, "Computerized
closed queueing network models of flexible manufacturing systems", Large Scale Systems 12, 1987; also in
Menascé & Almeida's capacity planning textbooks): a station of m servers and demand D is replaced by a
single-server queue of demand D/m in series with a pure delay of D*(m-1)/m. It is exact for m=1, exact at
one user and gives the right saturation throughput m/D; in between it overestimates queueing a little.

Schweitzer's throughput stays within about 1 % of the exact one. Right at the knee of the curve its response
time can read 10-20 % high (R = N/X - Z magnifies the error in X), and where it takes over from the exact
recursion, at EXACT_LIMIT users, the throughput may step down by up to that 1 %.
"""

import math
from dataclasses import dataclass

EXACT_LIMIT = 2_000  # up to this many users the exact recursion is cheap (users x stations steps)
_TOLERANCE = 1e-13  # relative, on throughput
_MAX_ITERATIONS = 200


@dataclass(frozen=True)
class Station:
    """A service centre: a queue in front of `servers` identical servers, or (delay=True) an infinite-server delay."""

    name: str
    demand_s: float  # seconds of service per request, all visits summed
    servers: int = 1
    delay: bool = False


@dataclass(frozen=True)
class Solution:
    """Mean performance of the network at one population; response excludes think time."""

    users: int
    throughput: float
    response_s: float
    residence_s: dict[str, float]
    utilisation: dict[str, float]


def _check(stations: list[Station], think_s: float) -> None:
    if not stations:
        raise ValueError("a network needs at least one station")
    if len({s.name for s in stations}) != len(stations):
        raise ValueError(f"station names must be unique: {[s.name for s in stations]}")
    for s in stations:
        if not math.isfinite(s.demand_s) or s.demand_s < 0:
            raise ValueError(f"station {s.name!r}: demand must be a finite number >= 0, not {s.demand_s!r}")
        if not s.delay and (not isinstance(s.servers, int) or s.servers < 1):
            raise ValueError(f"station {s.name!r}: servers must be an integer >= 1, not {s.servers!r}")
    if not math.isfinite(think_s) or think_s < 0:
        raise ValueError(f"think time must be a finite number >= 0, not {think_s!r}")
    if think_s + sum(s.demand_s for s in stations) <= 0:
        raise ValueError("with no think time and no demand anywhere the throughput would be infinite")


def _check_users(users: int) -> None:
    if isinstance(users, bool) or not isinstance(users, int) or users < 1:
        raise ValueError(f"users must be an integer >= 1, not {users!r}")


def _ceiling(stations: list[Station]) -> float:
    """The throughput the busiest queueing station allows: servers/demand."""
    return min((s.servers / s.demand_s for s in stations if not s.delay and s.demand_s > 0), default=math.inf)


def _split(stations: list[Station]) -> tuple[list[float], list[float]]:
    """Seidmann: (queueing demand, pure delay) of every station."""
    queueing = [0.0 if s.delay else s.demand_s / s.servers for s in stations]
    return queueing, [s.demand_s - q for s, q in zip(stations, queueing, strict=True)]


def _exact(queueing: list[float], fixed_s: float, wanted: set[int]) -> dict[int, tuple[float, list[float]]]:
    """Reiser & Lavenberg's recursion once up to the largest wanted population: {n: (throughput, queue residences)}."""
    lengths = [0.0] * len(queueing)
    found = {}
    for n in range(1, max(wanted) + 1):
        residences = [d * (1 + q) for d, q in zip(queueing, lengths, strict=True)]
        throughput = n / (fixed_s + sum(residences))
        lengths = [throughput * r for r in residences]
        if n in wanted:
            found[n] = (throughput, residences)
    return found


def _schweitzer(queueing: list[float], fixed_s: float, n: int) -> tuple[float, list[float]]:
    """Schweitzer's fixed point, Q_k(n-1) = (n-1)/n * Q_k(n), solved as one equation in the throughput X.

    At the fixed point Q_k = X*d_k / (1 - a*X*d_k) with a = (n-1)/n, and the users add up: X*fixed + sum Q_k = n.
    That sum is increasing and convex in X, so Newton's method from an upper bound descends onto the root
    without overshooting, and needs no damping even at a million users against a saturated bottleneck.
    """
    a = (n - 1) / n
    busiest = max(queueing)
    low, high = 0.0, n / (fixed_s + sum(queueing))
    if busiest > 0:
        high = min(high, 1 / busiest)  # where the bottleneck alone would hold all n users: f(high) >= 0
    x = high
    for _ in range(_MAX_ITERATIONS):
        value, slope = x * fixed_s - n, fixed_s
        for d in queueing:
            spare = 1 - a * x * d
            value, slope = value + x * d / spare, slope + d / (spare * spare)
        low, high = (x, high) if value < 0 else (low, x)
        step = x - value / slope if slope > 0 else x
        step = step if low < step < high else (low + high) / 2  # only rounding gets here, near the root
        if abs(step - x) <= _TOLERANCE * x:
            x = step
            break
        x = step
    residences = [d / (1 - a * x * d) for d in queueing]
    if busiest > 0:
        # Near saturation 1/(1 - aXd) magnifies rounding a millionfold; the bottleneck is better given
        # whatever users the others do not hold, so that R = n/X - Z holds to rounding (Little's law).
        k = queueing.index(busiest)
        residences[k] = max(busiest, n / x - fixed_s - (sum(residences) - residences[k]))
    return x, residences


def curve(stations: list[Station], think_s: float, populations: list[int]) -> list[Solution]:
    """Solutions at each population, in the order given; one exact recursion serves all the small ones."""
    _check(stations, think_s)
    for users in populations:
        _check_users(users)
    queueing, delays = _split(stations)
    fixed_s = think_s + sum(delays)
    small = {n for n in populations if n <= EXACT_LIMIT}
    solved = _exact(queueing, fixed_s, small) if small else {}
    for n in set(populations) - small:
        solved[n] = _schweitzer(queueing, fixed_s, n)
    ceiling = _ceiling(stations)
    answers = []
    for n in populations:
        throughput, residences = solved[n]
        throughput = min(throughput, ceiling)  # rounding must never carry a station past 100 % busy
        per_station = [r + d for r, d in zip(residences, delays, strict=True)]
        answers.append(
            Solution(
                users=n,
                throughput=throughput,
                response_s=sum(per_station),
                residence_s={s.name: r for s, r in zip(stations, per_station, strict=True)},
                utilisation={s.name: 0.0 if s.delay else throughput * s.demand_s / s.servers for s in stations},
            )
        )
    return answers


def solve(stations: list[Station], think_s: float, users: int) -> Solution:
    """Mean throughput, response time, residences and utilisations with `users` in the network."""
    _check_users(users)
    return curve(stations, think_s, [users])[0]


def bounds(stations: list[Station], think_s: float, users: int) -> tuple[float, float]:
    """Asymptotic bounds: (upper bound on throughput, lower bound on response time excluding think time)."""
    _check(stations, think_s)
    _check_users(users)
    total = sum(s.demand_s for s in stations)
    ceiling = _ceiling(stations)
    return min(users / (total + think_s), ceiling), max(total, users / ceiling - think_s)

"""Capacity search: the fewest cores per tier that keep the modelled mean response time within an SLO."""

import math
from dataclasses import dataclass

from lab.i18n import _, number
from lab.model import mva

DELAY_STATION = "(fixed delay)"
_GROWTH = 8  # a growing tier adds an eighth of its size per step: few steps from any start; the trim undoes overshoot
_MAX_STEPS = 10_000
_RELAXED = 1.05  # an SLO below the bare service time is planned as "within 5 % of it"


@dataclass(frozen=True)
class Tier:
    """A component as capacity planning sees it: its CPU demand and how it may grow."""

    name: str
    demand_s: float  # CPU seconds per edge request of this component, all replicas together
    cores_per_replica: int = 2
    max_replicas: int | None = None  # None: scales out freely
    max_cores_per_replica: int | None = None  # at max_replicas it may scale up to this; None: it cannot
    serial: bool = False  # one request at a time whatever the cores (a write lock)


@dataclass(frozen=True)
class Plan:
    """How many replicas and cores each tier gets, and what the model says of the result."""

    users: int
    feasible: bool
    replicas: dict[str, int]
    cores: dict[str, int]
    total_cores: int  # the cores to buy: a serial tier's one "core" is a lock on another tier's machine
    response_s: float
    throughput: float
    limit: str | None
    ceiling_rps: float | None = None  # where the limiting tier tops out, for a caller to reason on, not parse


def _top(tier: Tier) -> float:
    """The most cores the tier may have."""
    if tier.serial:
        return 1
    if tier.max_replicas is None:
        return math.inf
    return tier.max_replicas * (tier.max_cores_per_replica or tier.cores_per_replica)


def _shape(tier: Tier, cores: float) -> tuple[int, int]:
    """The smallest (replicas, cores per replica) giving at least `cores`: out first, then up, never past the top."""
    if tier.serial:
        return 1, 1
    per = tier.cores_per_replica
    replicas = max(1, math.ceil(cores / per))
    if tier.max_replicas is None or replicas <= tier.max_replicas:
        return replicas, per
    return tier.max_replicas, min(math.ceil(cores / tier.max_replicas), tier.max_cores_per_replica or per)


def _size(tier: Tier, cores: float) -> int:
    return math.prod(_shape(tier, cores))


def _check(tiers: list[Tier], delay_s: float, think_s: float, users: int, slo_s: float) -> None:
    names = [t.name for t in tiers]
    if not tiers or len(set(names)) != len(names) or DELAY_STATION in names:
        raise ValueError(f"tiers must be a non-empty list with unique names other than {DELAY_STATION!r}: {names}")
    for t in tiers:
        if t.cores_per_replica < 1 or (t.max_replicas is not None and t.max_replicas < 1):
            raise ValueError(f"tier {t.name!r}: cores per replica and max replicas must be at least 1")
        if t.max_cores_per_replica is not None and t.max_cores_per_replica < t.cores_per_replica:
            raise ValueError(f"tier {t.name!r}: max cores per replica is below the cores per replica")
    for label, value in (("delay", delay_s), ("think time", think_s)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{label} must be a finite number >= 0, not {value!r}")
    if not math.isfinite(slo_s) or slo_s <= 0:
        raise ValueError(f"the SLO must be a positive number of seconds, not {slo_s!r}")
    if isinstance(users, bool) or not isinstance(users, int) or users < 1:
        raise ValueError(f"users must be an integer >= 1, not {users!r}")


def _solve(tiers: list[Tier], cores: dict[str, float], delay_s: float, think_s: float, users: int) -> mva.Solution:
    """The model with these cores; a tier of unbounded cores is a pure delay (it never queues)."""
    stations = [
        mva.Station(t.name, t.demand_s, delay=True)
        if cores[t.name] == math.inf
        else mva.Station(t.name, t.demand_s, servers=int(cores[t.name]))
        for t in tiers
    ]
    stations += [mva.Station(DELAY_STATION, delay_s, delay=True)] if delay_s > 0 else []
    return mva.solve(stations, think_s, users)


def _saving(tier: Tier, cores: int, solution: mva.Solution) -> float:
    """Response time one more core would save, by Seidmann's queue seen as open: e = D*u/(m*(1-u)), -de/dm."""
    u = min(solution.utilisation[tier.name], 1 - 1e-12)
    return (solution.residence_s[tier.name] - tier.demand_s) * (2 - u) / (cores * (1 - u))


def _search(tiers, cores, fixed, delay_s, think_s, users, goal_s) -> dict[str, int]:
    """Grow the tier whose extra core saves most queueing until the goal is met, then trim every tier to its least."""
    floor = dict(cores)  # no feasible plan has fewer cores than where we start
    for _step in range(_MAX_STEPS):
        solution = _solve(tiers, cores, delay_s, think_s, users)
        if solution.response_s <= goal_s:
            break
        growable = [t for t in tiers if t.name not in fixed and cores[t.name] < _top(t)]
        if not growable:
            return cores
        grown = max(growable, key=lambda t: _saving(t, cores[t.name], solution))
        cores[grown.name] = _size(grown, min(_top(grown), cores[grown.name] + max(1, cores[grown.name] // _GROWTH)))
    for t in (t for t in tiers if t.name not in fixed):  # one pass: trimming later tiers never frees earlier ones
        low, high = floor[t.name], cores[t.name]
        while low < high:
            middle = (low + high) // 2
            if _solve(tiers, {**cores, t.name: _size(t, middle)}, delay_s, think_s, users).response_s <= goal_s:
                high = middle
            else:
                low = middle + 1
        cores[t.name] = _size(t, high)
    return cores


def plan(tiers: list[Tier], delay_s: float, think_s: float, users: int, slo_s: float) -> Plan:
    """The fewest cores (replicas first, then cores of one replica where capped) keeping the mean response <= slo_s."""
    _check(tiers, delay_s, think_s, users, slo_s)
    needed = users / (think_s + slo_s)  # meeting the SLO means at least this throughput
    best = _solve(tiers, {t.name: _top(t) for t in tiers}, delay_s, think_s, users)
    bare = delay_s + sum(t.demand_s for t in tiers)
    capped = [t for t in tiers if _top(t) < math.inf and t.demand_s > 0]
    limit, goal, think, fixed = None, slo_s, think_s, set()
    ceiling: float | None = None
    if bare >= slo_s or (best.response_s > slo_s and not capped):
        limit = _("the SLO of {slo} ms is not above the {bare} ms of bare service and delay").format(
            slo=_general(1000 * slo_s), bare=_general(1000 * bare)
        )
        goal = _RELAXED * max(best.response_s, bare)  # then plan for near the best that cores can buy
    elif best.response_s > slo_s:
        worst = max(capped, key=lambda t: best.residence_s[t.name] - t.demand_s)
        replicas, per = _shape(worst, _top(worst))
        ceiling = replicas * per / worst.demand_s
        if worst.serial:
            said = _("{tier}: serial, one request at a time, tops out at {ceiling} req/s; {need}")
        elif replicas == 1:
            said = _("{tier}: one machine of {cores} cores tops out at {ceiling} req/s; {need}")
        else:
            said = _("{tier}: {replicas} instances of {cores} cores tops out at {ceiling} req/s; {need}")
        need = _("{users} users within {slo} ms need {needed} req/s").format(
            users=number(users), slo=_general(1000 * slo_s), needed=number(needed)
        )
        limit = said.format(
            tier=_(worst.name), replicas=number(replicas), cores=number(per), ceiling=number(ceiling), need=need
        )
        # Saturated, the response hardly depends on the other tiers, so size them to meet the SLO at the
        # throughput the caps allow (more think time, same users) as if the capped tiers never queued.
        fixed, think = {t.name for t in capped}, users / best.throughput - slo_s
    needed = users / (think + goal)
    start = {t.name: math.inf if t.name in fixed else _size(t, max(1, math.ceil(needed * t.demand_s))) for t in tiers}
    cores = _search(tiers, start, fixed, delay_s, think, users, goal)
    cores.update({t.name: _top(t) for t in capped if t.name in fixed})
    final = _solve(tiers, cores, delay_s, think_s, users)
    shapes = {t.name: _shape(t, cores[t.name]) for t in tiers}
    sizes = {name: replicas * per for name, (replicas, per) in shapes.items()}
    replicas = {name: replicas for name, (replicas, _) in shapes.items()}
    # A lock is a queue inside another tier's machine, not a machine: it adds no core to buy.
    machines = sum(sizes[t.name] for t in tiers if not t.serial)
    return Plan(users, limit is None, replicas, sizes, machines, final.response_s, final.throughput, limit, ceiling)


def _general(value: float) -> str:
    # As Python's :g writes it (200, 12.5), with the language's decimal mark.
    text = f"{value:g}"
    return text if "e" in text else number(value, len(text.partition(".")[2]))

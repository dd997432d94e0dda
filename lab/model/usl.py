"""Gunther's Universal Scalability Law fitted to measured capacities: X(N) = λN / (1 + σ(N−1) + κN(N−1)).

λ is one copy's throughput, σ the share of the work that serialises (contention: queueing for one shared thing),
κ the cost of keeping copies coherent (crosstalk: each copy talking to each other, or to a shared one, more as
they multiply). With κ > 0 throughput peaks at N = sqrt((1−σ)/κ) and then falls as copies are added.
"""

import math
from dataclasses import dataclass

import numpy
from scipy.optimize import least_squares

from lab.i18n import _, number

MIN_POINTS = 3  # three parameters
# At its bound of zero the solver leaves κ at rounding noise, which would put the peak at absurd N.
NEGLIGIBLE_KAPPA = 1e-9


class TooFewPoints(ValueError):
    """The law has three parameters: fewer than three measured points fit any of many curves."""


@dataclass(frozen=True)
class Fit:
    """The fitted law, and how far the measured points lie from it."""

    points: int
    lam: float  # requests per second of one copy
    sigma: float
    kappa: float
    residual_rps: float  # root mean square of measured minus fitted throughput

    @property
    def peak_n(self) -> float | None:
        """The copies at which throughput is highest; None where it keeps growing (κ = 0 or σ ≥ 1)."""
        if self.kappa <= NEGLIGIBLE_KAPPA or self.sigma >= 1:
            return None
        return math.sqrt((1 - self.sigma) / self.kappa)

    def throughput(self, n: float) -> float:
        """X(n) by the fitted law."""
        return throughput(n, self.lam, self.sigma, self.kappa)


def throughput(n: float, lam: float, sigma: float, kappa: float) -> float:
    """X(N) = λN / (1 + σ(N−1) + κN(N−1))."""
    return lam * n / (1 + sigma * (n - 1) + kappa * n * (n - 1))


def fit(points: list[tuple[float, float]]) -> Fit:
    """λ, σ, κ (σ, κ ≥ 0) of (copies, req/s) points; TooFewPoints for fewer than three distinct copy counts.

    Relative residuals: each point weighs the same whatever its throughput, as each is one measurement.
    """
    distinct = {n for n, _ in points}
    if len(distinct) < MIN_POINTS:
        raise TooFewPoints(
            _("{points} point(s) of distinct copies: the law's three parameters need at least {needed}").format(
                points=number(len(distinct)), needed=number(MIN_POINTS)
            )
        )
    n = numpy.array([float(copies) for copies, _ in points])
    measured = numpy.array([float(rps) for _, rps in points])
    first = measured[numpy.argmin(n)] / n.min()

    def relative_error(parameters):
        lam, sigma, kappa = parameters
        return (lam * n / (1 + sigma * (n - 1) + kappa * n * (n - 1))) / measured - 1

    solved = least_squares(
        relative_error,
        x0=[first, 0.01, 0.001],
        bounds=([0.0, 0.0, 0.0], [numpy.inf, numpy.inf, numpy.inf]),
        x_scale="jac",
        xtol=1e-12,
        ftol=1e-12,
        gtol=1e-12,
    )
    lam, sigma, kappa = (float(value) for value in solved.x)
    fitted = numpy.array([throughput(copies, lam, sigma, kappa) for copies in n])
    residual = float(numpy.sqrt(numpy.mean((measured - fitted) ** 2)))
    return Fit(len(points), lam, sigma, kappa, residual)

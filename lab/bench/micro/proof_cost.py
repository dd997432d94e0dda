"""What the signed proof on every internal call costs (bookstore/internal_proof.py): signing and checking one
assertion, in process, in microseconds per operation.

Cold, nothing cached: a new assertion signed for each operation (another account each time), each checked
by a verifier that has not seen it. Warm, as a server between two renewals: the signer's cached assertion,
a token its verifier already holds.
Each figure is the median of a few repeats of many operations, as timeit would take it.

    python -m lab.bench.micro.proof_cost      # alone, in a few seconds (make bench-micro runs it first)
"""

import statistics
import time
from collections.abc import Callable

from bookstore.internal_proof import Signer, Verifier
from lab.records.micro import ProofCost

OPERATIONS, REPEATS = 20_000, 5
_SECRET = "a-secret-only-for-pricing-the-proof-32+"
_ISSUER = "proof-cost"


def _per_operation_us(timed: Callable[[], Callable[[], None]], operations: int, repeats: int) -> float:
    """The median over `repeats` of one run's time per operation; `timed()` prepares a run (untimed) and
    returns it."""
    found = []
    for _ in range(repeats):
        run = timed()
        start = time.perf_counter()
        run()
        found.append((time.perf_counter() - start) / operations * 1e6)
    return statistics.median(found)


def measure(operations: int | None = None, repeats: int | None = None) -> ProofCost:
    """Sign and verify, cold and warm, in microseconds per operation (OPERATIONS, REPEATS unless given)."""
    operations, repeats = operations or OPERATIONS, repeats or REPEATS
    accounts = range(1, operations + 1)  # one assertion each: every cold operation misses its cache

    def cold_sign() -> Callable[[], None]:
        signer = Signer(_SECRET, _ISSUER)

        def run() -> None:
            for account in accounts:
                signer.sign(account)

        return run

    def cold_verify() -> Callable[[], None]:
        signer, verifier = Signer(_SECRET, _ISSUER), Verifier(_SECRET)
        tokens = [signer.sign(account) for account in accounts]

        def run() -> None:
            for token in tokens:
                verifier.verify(token)

        return run

    def warm_sign() -> Callable[[], None]:
        signer = Signer(_SECRET, _ISSUER)
        signer.sign(7)

        def run() -> None:
            for _ in accounts:
                signer.sign(7)

        return run

    def warm_verify() -> Callable[[], None]:
        verifier, token = Verifier(_SECRET), Signer(_SECRET, _ISSUER).sign(7)
        verifier.verify(token)

        def run() -> None:
            for _ in accounts:
                verifier.verify(token)

        return run

    return ProofCost(
        operations=operations,
        repeats=repeats,
        sign_cold_us=_per_operation_us(cold_sign, operations, repeats),
        verify_cold_us=_per_operation_us(cold_verify, operations, repeats),
        sign_warm_us=_per_operation_us(warm_sign, operations, repeats),
        verify_warm_us=_per_operation_us(warm_verify, operations, repeats),
    )


def text(cost: ProofCost) -> str:
    """The figures for the terminal."""
    return (
        f"signed proof per internal call (µs/operation, median of {cost.repeats} × {cost.operations:,}): "
        f"sign {cost.sign_cold_us:.1f} cold, {cost.sign_warm_us:.2f} cached; "
        f"verify {cost.verify_cold_us:.1f} cold, {cost.verify_warm_us:.2f} cached"
    )


if __name__ == "__main__":
    print(text(measure()), flush=True)

"""What the bus's XML costs: CPU time to write and read back typical SOAP messages (python -m soa.soap_cost)."""

import time

from bookstore.seed import book
from soa import soap

ROUNDS = 2000


def typical_messages() -> dict[str, tuple[str, dict]]:
    """A catalog page answer (20 books), a book answer, and a stock reservation request."""
    page = [
        {k: v for k, v in book(n).items() if k in ("id", "title", "author", "price_cents", "stock")}
        for n in range(1, 21)
    ]
    detail = {k: v for k, v in book(7).items() if k != "search_text"}
    reserve = {"lines": [{"book_id": 3, "quantity": 2}, {"book_id": 9, "quantity": 1}]}
    return {
        "ListBooksResponse (20 books)": (
            "ListBooksResponse",
            {"items": page, "page": 1, "page_size": 20, "total": 10000},
        ),
        "GetBookResponse": ("GetBookResponse", detail),
        "ReserveStock": ("ReserveStock", reserve),
    }


def cpu_ms_per_round_trip(operation: str, payload: dict, rounds: int = ROUNDS) -> float:
    """CPU milliseconds to build one envelope and parse it back."""
    started = time.process_time()
    for _ in range(rounds):
        soap.parse(soap.envelope(operation, payload, {"CorrelationId": "c"}))
    return 1000 * (time.process_time() - started) / rounds


def main() -> None:
    """Print the cost of each typical message."""
    for name, (operation, payload) in typical_messages().items():
        size = len(soap.envelope(operation, payload))
        print(f"{name:<30} {size:>6} bytes  {cpu_ms_per_round_trip(operation, payload):.3f} ms CPU to write + read")


if __name__ == "__main__":
    main()

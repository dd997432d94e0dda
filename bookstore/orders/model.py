"""Order rules: lines, prices and totals, in integer cents."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One book in an order, priced when the order is placed."""

    book_id: int
    quantity: int
    unit_price_cents: int

    @property
    def amount_cents(self) -> int:
        """What this line costs."""
        return self.quantity * self.unit_price_cents


def price_lines(requested: list[tuple[int, int]], prices: dict[int, int]) -> list[Line]:
    """Lines for the requested (book_id, quantity) pairs at the given unit prices."""
    if not requested:
        raise ValueError("an order has at least one line")
    if len({book_id for book_id, _ in requested}) != len(requested):
        raise ValueError("each book appears once in an order")
    return [Line(book_id, quantity, prices[book_id]) for book_id, quantity in requested]


def total_cents(lines: list[Line], shipping_cents: int) -> int:
    """What the customer pays: the lines plus shipping."""
    return sum(line.amount_cents for line in lines) + shipping_cents


def parcel_size(lines: list[Line]) -> int:
    """How many books travel in the parcel."""
    return sum(line.quantity for line in lines)

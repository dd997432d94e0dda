"""Shipping's use cases."""

from bookstore.errors import NotFound
from bookstore.shipping import model, repository


def quote(quantity: int, country: str) -> dict:
    """The contract's quote: cost and days for a parcel."""
    parcel = model.quote(quantity, country)
    return {"cost_cents": parcel.cost_cents, "eta_days": parcel.eta_days}


def create_shipment(conn, order_id: int, account_id: int, address: dict, quantity: int) -> int:
    """Book a shipment for an order and label it; returns the shipment id."""
    parcel = model.quote(quantity, address["country"])
    shipment_id = repository.add(
        conn, order_id, account_id, address, parcel.carrier, parcel.eta_days, parcel.cost_cents
    )
    repository.set_tracking_number(conn, shipment_id, model.tracking_number(parcel.carrier, shipment_id))
    return shipment_id


def tracking(conn, shipment_id: int, account_id: int) -> dict:
    """Tracking for a shipment to the account; NotFound for anyone else's."""
    found = repository.tracking_of(conn, shipment_id, account_id)
    if found is None:
        raise NotFound(f"shipment {shipment_id} not found")
    return found


def create_shipment_once(conn, order_id: int, account_id: int, address: dict, quantity: int) -> int:
    """create_shipment, but a retry for the same order answers the shipment already booked."""
    existing = repository.id_for_order(conn, order_id)
    return existing if existing is not None else create_shipment(conn, order_id, account_id, address, quantity)


def cancel_shipment(conn, order_id: int) -> None:
    """Cancel an order's shipment (a saga's compensation); nothing happens if there is none."""
    repository.cancel(conn, order_id)

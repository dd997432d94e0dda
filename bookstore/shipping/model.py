"""Shipping rules: price and delivery time by destination zone and parcel size."""

from dataclasses import dataclass

DOMESTIC = "US"
NEAR = frozenset({"CA", "MX"})
EUROPE = frozenset(
    "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO PL PT RO SE SI SK".split()
)


@dataclass(frozen=True)
class Zone:
    """A destination zone: what the first item costs, each further item, days, and the carrier."""

    name: str
    first_item_cents: int
    extra_item_cents: int
    eta_days: int
    carrier: str


ZONES = {
    "domestic": Zone("domestic", 499, 99, 3, "USPS"),
    "near": Zone("near", 999, 199, 6, "UPS"),
    "europe": Zone("europe", 1499, 299, 9, "DHL"),
    "world": Zone("world", 1999, 399, 14, "DHL"),
}


def zone_of(country: str) -> Zone:
    """The zone a two-letter country code ships to."""
    if country == DOMESTIC:
        return ZONES["domestic"]
    if country in NEAR:
        return ZONES["near"]
    if country in EUROPE:
        return ZONES["europe"]
    return ZONES["world"]


@dataclass(frozen=True)
class Quote:
    """The price and delivery time of one parcel."""

    cost_cents: int
    eta_days: int
    carrier: str


def quote(quantity: int, country: str) -> Quote:
    """Price a parcel of `quantity` books to `country`; larger parcels take a day longer."""
    if quantity < 1:
        raise ValueError("a parcel holds at least one book")
    zone = zone_of(country)
    cost = zone.first_item_cents + zone.extra_item_cents * (quantity - 1)
    eta = zone.eta_days + (1 if quantity > 10 else 0)
    return Quote(cost_cents=cost, eta_days=eta, carrier=zone.carrier)


def tracking_number(carrier: str, shipment_id: int) -> str:
    """A carrier-style tracking number derived from the shipment id."""
    return f"{carrier[:3].upper()}{shipment_id:010d}"

"""Every bounded context's tables, for architectures that keep them in one database."""

from bookstore.accounts.tables import metadata as accounts
from bookstore.catalog.tables import metadata as catalog
from bookstore.orders.tables import metadata as orders
from bookstore.shipping.tables import metadata as shipping

ALL_CONTEXTS = (accounts, catalog, orders, shipping)

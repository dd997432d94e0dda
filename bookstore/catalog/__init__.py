"""Catalog and inventory: books, search, prices and stock."""

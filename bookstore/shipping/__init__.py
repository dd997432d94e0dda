"""Shipping: quotes, shipments and tracking."""

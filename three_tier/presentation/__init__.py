"""Presentation tier: the edge (API and storefront); no business rules, no database."""

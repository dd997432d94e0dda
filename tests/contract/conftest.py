"""Fixtures of the contract suite; `edge_url` comes from the project's tests/conftest.py."""

import pytest
from edge_api import new_customer


@pytest.fixture
def customer(edge_url):
    """A freshly registered, logged-in account."""
    return new_customer(edge_url)

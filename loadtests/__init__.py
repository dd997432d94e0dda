"""Locust load tests and named load profiles for the bookstore edge API."""

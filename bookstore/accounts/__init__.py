"""Accounts: registration, credentials and session tokens."""

"""Flask-tutorial fixtures: the monolith app on a fresh, seeded SQLite file, and its test client."""

import pytest

from bookstore.shared_database import prepare
from monolith.app import create_app

BOOKS, ACCOUNTS = 50, 5


@pytest.fixture
def database_url(tmp_path) -> str:
    """A fresh SQLite database with a small seed."""
    url = f"sqlite:///{tmp_path / 'bookstore.sqlite'}"
    prepare(url, BOOKS, ACCOUNTS)
    return url


@pytest.fixture
def app(database_url):
    """The monolith's Flask app over the fresh database."""
    return create_app({"TESTING": True, "DATABASE_URL": database_url})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def auth(client) -> dict:
    """Authorization headers of seeded reader 1."""
    session = client.post("/api/sessions", json={"email": "reader1@bookstore.test", "password": "bookstore-reader"})
    return {"Authorization": f"Bearer {session.json['token']}"}

"""The accounts service: registration, credentials and tokens, profiles; it alone holds the accounts database."""

from flask import Blueprint, Flask, current_app, jsonify, request

from bookstore.accounts import service as accounts
from bookstore.accounts.login_throttle import LoginThrottle
from bookstore.input_rules import Credentials, Registration, parse_json
from bookstore.request_context import current_client_address
from microservices.chassis import calling_account, create_service_app

api = Blueprint("accounts", __name__)


def _db():
    return current_app.extensions["database"]


@api.post("/accounts")
def register():
    """Create an account."""
    registration = parse_json(Registration, request.get_data())
    password_hash = accounts.hash_password(registration.password)
    with _db().write() as conn:
        return jsonify(accounts.register(conn, registration.email, password_hash, registration.name)), 201


@api.post("/sessions")
def log_in():
    """Check credentials and issue a signed token that every service can check without calling back."""
    credentials = parse_json(Credentials, request.get_data())
    settings = current_app.extensions["settings"]
    account_id = accounts.check_credentials(
        _db(), LoginThrottle.of(settings), credentials.email, credentials.password, current_client_address.get()
    )
    return jsonify(accounts.log_in(account_id, settings.token_secret))


@api.get("/profile")
def profile():
    """The calling account's profile."""
    with _db().read(single_statement=True) as conn:
        return jsonify(accounts.profile(conn, calling_account()))


def create_app(test_config: dict | None = None) -> Flask:
    """`gunicorn 'microservices.accounts.app:create_app()'`."""
    return create_service_app("accounts", api, test_config)

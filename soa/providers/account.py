"""The Account provider: registration, credentials and profiles, as SOAP operations."""

from flask import Flask

from bookstore.accounts import service as accounts
from bookstore.accounts.login_throttle import LoginThrottle
from bookstore.database import Database
from bookstore.request_context import current_client_address
from soa.providers.provider import create_provider_app, whole_number
from soa.settings import ProviderSettings


def create_app() -> Flask:
    """`gunicorn 'soa.providers.account:create_app()'`, on the shared enterprise database."""
    settings = ProviderSettings.from_environment()
    db, throttle = Database.for_server(settings), LoginThrottle.of(settings)

    def register(payload: dict, _headers: dict) -> dict:
        """Create an account {email, password, name}."""
        password_hash = accounts.hash_password(payload["password"])
        with db.write() as conn:
            return accounts.register(conn, payload["email"], password_hash, payload["name"])

    def check_credentials(payload: dict, _headers: dict) -> dict:
        """The account id for matching {email, password}."""
        email, password, address = payload["email"], payload["password"], current_client_address.get()
        return {"account_id": accounts.check_credentials(db, throttle, email, password, address)}

    def get_profile(payload: dict, _headers: dict) -> dict:
        """The profile of {account_id}."""
        with db.read(single_statement=True) as conn:
            return accounts.profile(conn, whole_number(payload, "account_id"))

    operations = {"Register": register, "CheckCredentials": check_credentials, "GetProfile": get_profile}
    return create_provider_app("Account", operations, settings, db)

"""The settings of a microservices server process: the shared ones, where the services listen, and the
databases a deployment may give the services instead of the ones the lab provisions."""

from typing import Annotated

from pydantic import Field

from bookstore.environment import Accepts, EnvironmentSettings
from bookstore.settings import Flag, Settings

RolePassword = Annotated[str, Field(pattern=r"^[\w-]*$"), Accepts("letters, digits, - and _ only", shown=False)]


class ServiceSettings(Settings):
    """A service's (or the gateway's, or the frontend's) settings, read once in its composition root."""

    accounts_url: str = Field("", validation_alias="ACCOUNTS_URL", description="Where the accounts service listens.")
    catalog_url: str = Field("", validation_alias="CATALOG_URL", description="Where the catalog service listens.")
    orders_url: str = Field("", validation_alias="ORDERS_URL", description="Where the orders service listens.")
    shipping_url: str = Field("", validation_alias="SHIPPING_URL", description="Where the shipping service listens.")
    frontend_url: str = Field("", validation_alias="FRONTEND_URL", description="Where the web frontend listens.")
    count_dir: str = Field(
        "", validation_alias="LAB_COUNT_DIR", description="Where each worker writes how many requests it served."
    )
    fault_injection: Flag = Field(
        False, validation_alias="FAULT_INJECTION", description="Orders: honour injected saga failures (1), to test."
    )

    def service_url(self, service: str) -> str:
        """Where a service listens (<SERVICE>_URL, set by the deployment)."""
        urls = {
            "accounts": self.accounts_url,
            "catalog": self.catalog_url,
            "orders": self.orders_url,
            "shipping": self.shipping_url,
            "frontend": self.frontend_url,
        }
        if not urls.get(service):
            raise ValueError(f"{service.upper()}_URL must be set to where the {service} service listens")
        return urls[service]


class ServiceDatabases(EnvironmentSettings):
    """A database a deployment gives a service (<SERVICE>_DATABASE_URL), or its role's password
    (<SERVICE>_DB_PASSWORD); unset, the lab provisions the database and derives the password."""

    accounts_database_url: str = Field("", validation_alias="ACCOUNTS_DATABASE_URL", description="Accounts' own.")
    catalog_database_url: str = Field("", validation_alias="CATALOG_DATABASE_URL", description="Catalog's own.")
    orders_database_url: str = Field("", validation_alias="ORDERS_DATABASE_URL", description="Orders' own.")
    shipping_database_url: str = Field("", validation_alias="SHIPPING_DATABASE_URL", description="Shipping's own.")
    accounts_db_password: RolePassword = Field("", validation_alias="ACCOUNTS_DB_PASSWORD", description="Its role's.")
    catalog_db_password: RolePassword = Field("", validation_alias="CATALOG_DB_PASSWORD", description="Its role's.")
    orders_db_password: RolePassword = Field("", validation_alias="ORDERS_DB_PASSWORD", description="Its role's.")
    shipping_db_password: RolePassword = Field("", validation_alias="SHIPPING_DB_PASSWORD", description="Its role's.")

    def given_url(self, service: str) -> str:
        """The database the deployment gave this service; empty if none."""
        return {
            "accounts": self.accounts_database_url,
            "catalog": self.catalog_database_url,
            "orders": self.orders_database_url,
            "shipping": self.shipping_database_url,
        }[service]

    def given_password(self, service: str) -> str:
        """The password the deployment set for this service's role; empty if none."""
        return {
            "accounts": self.accounts_db_password,
            "catalog": self.catalog_db_password,
            "orders": self.orders_db_password,
            "shipping": self.shipping_db_password,
        }[service]

"""What a server process of any architecture takes from its environment, read once in its composition root.

Every architecture's processes read the same settings the same way, so no limit can quietly differ
between them and skew the comparison (tests/inprocess/test_shared_settings.py checks the running apps).
What only one architecture has (the internal key of the tiers, the bus's registry key, the services'
addresses) is a subclass beside it, read in that architecture's own composition root.
"""

from typing import Annotated, Literal, Self, get_args

from pydantic import Field, field_validator

from bookstore.environment import Accepts, EnvironmentSettings

Mode = Literal["primary", "replica", "bounded"]
MODES: tuple[str, ...] = get_args(Mode)  # READS: where reads that may be stale go (bookstore/replicas.py)
MAX_BODY_BYTES = 64 * 1024  # the contract's limit on a request body, in every JSON server alike
DEFAULT_TOKEN_SECRET = "bookstore-lab-secret-change-me-in-production-0123456789"
DEFAULT_INTERNAL_SECRET = "bookstore-lab-internal-secret-change-me-in-production-0123"

AtLeastOne = Annotated[int, Field(ge=1), Accepts("a whole number of at least 1")]
Flag = Annotated[bool, Accepts("1 or 0")]


class ReadSettings(EnvironmentSettings):
    """Where reads that may be stale go: the replicas' URLs, the mode, and the staleness bound."""

    replica_urls: Annotated[tuple[str, ...], Accepts("comma-separated database URLs")] = Field(
        (), validation_alias="DATABASE_REPLICA_URLS", description="The primary's replicas, comma-separated."
    )
    mode: Annotated[Mode, Accepts(f"one of {', '.join(MODES)}")] = Field(
        "primary",
        validation_alias="READS",
        description="Where reads that may be stale go: the primary, any replica, or a replica within the bound.",
    )
    max_staleness_ms: Annotated[float, Field(ge=0, allow_inf_nan=False), Accepts("a number of milliseconds >= 0")] = (
        Field(1000.0, validation_alias="MAX_STALENESS_MS", description="READS=bounded: the most lag a read takes.")
    )

    @field_validator("replica_urls", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return tuple(url.strip() for url in value.split(",") if url.strip()) if isinstance(value, str) else value

    @property
    def uses_replicas(self) -> bool:
        """Whether any read may leave the primary."""
        return bool(self.replica_urls) and self.mode != "primary"


class Settings(ReadSettings):
    """The shared settings of one server process (its read settings are `reads`)."""

    database_url: str = Field("", validation_alias="DATABASE_URL", description="The database; empty for none.")
    token_secret: str = Field(
        DEFAULT_TOKEN_SECRET, validation_alias="TOKEN_SECRET", description="Signs and checks the edge's tokens."
    )
    internal_secret: str = Field(
        DEFAULT_INTERNAL_SECRET,
        validation_alias="INTERNAL_SECRET",
        description="Signs and checks the assertions internal calls carry (not TOKEN_SECRET: a customer's token "
        "must never pass as one).",
    )
    login_failures_per_account: AtLeastOne = Field(
        10, validation_alias="LOGIN_FAILURES_PER_ACCOUNT", description="Failed log-ins of one email per window."
    )
    login_failures_per_address: AtLeastOne = Field(
        100, validation_alias="LOGIN_FAILURES_PER_ADDRESS", description="Failed log-ins from one address per window."
    )
    login_failure_window_s: Annotated[float, Field(gt=0, allow_inf_nan=False), Accepts("a number of seconds > 0")] = (
        Field(300.0, validation_alias="LOGIN_FAILURE_WINDOW_S", description="How long failed log-ins are counted.")
    )
    worker_threads: AtLeastOne = Field(
        4,
        validation_alias="GUNICORN_THREADS",
        description="Threads per gunicorn worker; each may hold one pooled connection at a time.",
    )
    db_pool_size: Annotated[int | None, Field(ge=1), Accepts("a whole number of at least 1")] = Field(
        None, validation_alias="DB_POOL_SIZE", description="Database connections per worker; unset, one per thread."
    )
    request_budget_ms: Annotated[int, Field(ge=1), Accepts("a whole number of milliseconds of at least 1")] = Field(
        10_000,
        validation_alias="REQUEST_BUDGET_MS",
        description="The time budget a request gets where it arrives; each internal call passes on what is left.",
    )
    edge_server: Flag = Field(
        False, validation_alias="EDGE_SERVER", description="Set by the topology on the component clients call."
    )
    admission_queue: Annotated[int, Field(ge=0), Accepts("a whole number")] = Field(
        0,
        validation_alias="ADMISSION_QUEUE",
        description="Edge: requests per worker that may wait for a thread beyond those working; 0 admits all.",
    )
    admission_queue_timeout_ms: Annotated[float, Field(gt=0), Accepts("a number of milliseconds above 0")] = Field(
        50.0,
        validation_alias="ADMISSION_QUEUE_TIMEOUT_MS",
        description="ADMISSION_QUEUE > 0: how long a request may wait for a thread before it is refused.",
    )
    admission_retry_after_s: Annotated[int, Field(ge=0), Accepts("a whole number of seconds")] = Field(
        1, validation_alias="ADMISSION_RETRY_AFTER_S", description="The Retry-After of a refusal for overload."
    )
    account_check_ttl_s: Annotated[float, Accepts("a number of seconds")] = Field(
        30.0,
        validation_alias="ACCOUNT_CHECK_TTL_S",
        description="How long the edge trusts a confirmation that a token's account exists; 0 asks every time.",
    )
    sql_request_ids: Flag = Field(
        False, validation_alias="SQL_REQUEST_IDS", description="Tag each statement with its request id (1)."
    )
    trace: Flag = Field(False, validation_alias="TRACE", description="Trace every worker with OpenTelemetry (1).")
    trace_dir: str = Field("", validation_alias="TRACE_DIR", description="TRACE=1: where spans go, as JSON lines.")
    otlp_endpoint: str = Field(
        "", validation_alias="OTEL_EXPORTER_OTLP_ENDPOINT", description="TRACE=1: an OTLP collector for the spans."
    )
    service_namespace: str = Field(
        "bookstore", validation_alias="SERVICE_NAMESPACE", description="TRACE=1: the spans' service namespace."
    )
    profile_servers: Flag = Field(
        False, validation_alias="PROFILE_SERVERS", description="Profile every worker's CPU time (1)."
    )
    profile_dir: str = Field(".", validation_alias="PROFILE_DIR", description="PROFILE_SERVERS=1: where profiles go.")

    @property
    def reads(self) -> ReadSettings:
        """Where this process's reads that may be stale go."""
        return self

    def with_database_url(self, url: str) -> Self:
        """These settings on another database (a test's, or the monolith's embedded SQLite file)."""
        return self.model_copy(update={"database_url": url})

    def required_database_url(self) -> str:
        """DATABASE_URL, for the commands that prepare or check a database and cannot run without one."""
        if not self.database_url:
            raise ValueError("DATABASE_URL must be set to the database's URL")
        return self.database_url

    @property
    def admits_by_queue(self) -> bool:
        """Whether this server bounds its queue (bookstore/edge/admission.py): the edge, with ADMISSION_QUEUE."""
        return self.edge_server and self.admission_queue > 0

    @property
    def server_threads(self) -> int:
        """Gunicorn threads per worker: one per working request, plus the queue's where it is bounded."""
        return self.worker_threads + (self.admission_queue if self.admits_by_queue else 0)

    @property
    def database_pool_size(self) -> int:
        """Connections per worker's pool: DB_POOL_SIZE, else one per thread, so no request waits for one."""
        return self.db_pool_size or self.worker_threads


class SeedSettings(EnvironmentSettings):
    """How much seed data a fresh database gets: the same for every architecture."""

    books: Annotated[int, Field(ge=0), Accepts("a whole number")] = Field(
        10_000, validation_alias="SEED_BOOKS", description="Books in the seeded catalog."
    )
    accounts: Annotated[int, Field(ge=0), Accepts("a whole number")] = Field(
        1_000, validation_alias="SEED_ACCOUNTS", description="Reader accounts seeded."
    )

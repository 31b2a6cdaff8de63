"""Every setting of the project, read in one place from the environment (prefix `FOI_`).

Nested policies use a double underscore: `FOI_POLICY__FOIA_REVIEW_WINDOW=40_working_days`,
`FOI_ALARMS__HOUR=8`. Temporal's own connection comes from `temporalio.envconfig`
(`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, profiles), not from here.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

from rules.alarms import AlarmPolicy
from rules.clearance import ClearancePolicy
from rules.policy import Policy
from rules.retention import RetentionPolicy


def _email_address(value: str) -> str:
    """The check pydantic's `EmailStr` makes, with `email-validator` imported only when an address is set:
    every command reads the settings, and most set no default recipient."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise PydanticCustomError(
            "value_error", "value is not a valid email address: {reason}", {"reason": str(exc)}
        ) from None


EmailAddress = Annotated[str, AfterValidator(_email_address)]

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class IntakeSettings(BaseModel):
    """The mailbox intake (`FOI_INTAKE__...`, intake/): where the FOI mailbox is, how to reach it, where
    processed messages go, and what follows a case started from it."""

    imap_host: str | None = Field(
        None, description="The IMAP server of the FOI mailbox; the worker watches it when set."
    )
    imap_port: int | None = Field(None, description="Default: 993 with tls, 143 otherwise.")
    user: str | None = Field(None, description="The mailbox's login.")
    password: str | None = None
    password_file: Path | None = Field(None, description="A file holding the password (instead of PASSWORD).")
    folder: str = Field("INBOX", description="The folder requests arrive in.")
    done_folder: str = Field(
        "FOI-processed", description="Where a message goes once it is recorded (created if missing)."
    )
    tls: Literal["tls", "starttls", "none"] = Field("tls", description="`none` is allowed only to a loopback address.")
    ca_file: Path | None = Field(
        None, description="CA bundle to verify the server's certificate; default: the system's."
    )
    poll_seconds: float = Field(
        60, gt=0, description="How often to look when the server offers no IDLE (and the longest IDLE wait)."
    )
    retry_max_seconds: float = Field(300, gt=0, description="The longest wait between attempts to reach the server.")
    address: str | None = Field(
        None,
        description="The authority's FOI address, the From: of acknowledgements; default: the login when it is "
        "an email address, else FOI_SMTP_SENDER.",
    )
    acknowledge: bool = Field(
        True, description="Email the requester the acknowledgement when a case starts from the mailbox."
    )
    untriaged_alarm_days: int = Field(
        1, ge=0, description="A request left untriaged this many calendar days after receipt is an alarm."
    )

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> IntakeSettings:
        if self.imap_host and self.tls == "none" and not is_loopback(self.imap_host):
            raise ValueError(f"FOI_INTAKE__TLS=none is allowed only to a loopback address, not {self.imap_host}")
        return self

    @property
    def port(self) -> int:
        return self.imap_port or (993 if self.tls == "tls" else 143)

    def secret(self) -> str:
        if self.password_file is not None:
            return self.password_file.read_text().strip()
        return self.password or ""


class DisclosureSettings(BaseModel):
    """The disclosure log (`FOI_DISCLOSURE__...`, docs/disclosure-log.md): the responses an officer publishes
    and the public, read-only site that lists them (`starter.py disclosure-log`)."""

    document_limit_bytes: int = Field(
        20 * 1024 * 1024,
        ge=1,
        description="The largest document (PDF or Word) that may be published with a response: default 20 MiB.",
    )
    page_size: int = Field(20, ge=1, le=500, description="Published responses per page of the public site.")
    feed_entries: int = Field(50, ge=1, description="The newest published responses the Atom feed carries.")
    hosts: str | None = Field(
        None,
        description="Host names the public site answers to besides those of the address it binds "
        "(comma-separated; e.g. the name a reverse proxy forwards).",
    )
    title: str = Field("Disclosure log", description="The public site's name, in its header and feed.")
    database_url: str | None = Field(
        None,
        description="The register as the public site reads it: on PostgreSQL, a role that may SELECT only the "
        "`publications` and `alembic_version` tables; default: the register's own (FOI_DATABASE_URL).",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOI_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(
        Path(".foi"), description="Where the register, the embedded Temporal database and the key file live."
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the register; default: a SQLite file in the data dir."
    )
    task_queue: str = "foi-cases"
    policy: Policy = Policy()
    alarms: AlarmPolicy = AlarmPolicy()
    intake: IntakeSettings = IntakeSettings()
    disclosure: DisclosureSettings = DisclosureSettings()
    # Clearance (issue 20, item 3; docs/clearance.md): the internal deadlines of an answer's clearance by an
    # approving team, `FOI_CLEARANCE__CLEAR_WITHIN_DAYS` (3) and `FOI_CLEARANCE__RESUBMIT_WITHIN_DAYS` (2).
    # Internal only: they never move a statutory date.
    clearance: ClearancePolicy = ClearancePolicy()

    default_officer: EmailAddress | None = Field(None, description="Recipient when a case names no officer.")
    default_manager: EmailAddress | None = Field(None, description="Recipient when a case names no manager.")
    dashboard_url: str | None = Field(
        None,
        description="The dashboard's address as managers reach it (e.g. https://foi.example.org): links in emails.",
    )

    smtp_host: str | None = Field(None, description="Send alarms by SMTP when set; else to the outbox.")
    smtp_port: int = 25
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_sender: str = "foi-deadlines@localhost"
    smtp_ca_file: Path | None = Field(
        None, description="CA bundle to verify the SMTP server's certificate (starttls, ssl); default: the system's."
    )

    encryption_keys: str | None = Field(
        None, description="Payload keys 'id:base64key,...' (first encrypts); default: the key file in the data dir."
    )
    accept_plain_payloads: bool = Field(
        False, description="Read unencrypted payloads too: only while moving a deployment to encryption."
    )

    dashboard_user: str | None = Field(None, description="Removed (basic auth): the dashboard refuses to start if set.")
    dashboard_password: str | None = Field(None, description="Removed with FOI_DASHBOARD_USER.")
    dashboard_token: str | None = Field(
        None, description="Bearer token for read-only machine access to the dashboard (GET only: CSV, /healthz)."
    )
    session_secret: str | None = Field(
        None, description="Key that signs the dashboard's session cookies; default: a key file in the data dir."
    )
    session_idle_minutes: int = Field(30, ge=1, description="A dashboard session ends after this long unused.")
    sign_in_attempts: int = Field(
        5, ge=1, description="Failed sign-ins in a row for one address before sign-in is refused for a while."
    )
    sign_in_lockout_minutes: int = Field(15, ge=1, description="How long sign-in stays refused after that.")
    password_min_length: int = Field(12, ge=8, description="The shortest password `people password` accepts.")
    dashboard_hosts: str | None = Field(
        None, description="Host names the dashboard answers to besides those of the address it binds (comma-separated)."
    )

    actor: str | None = Field(
        None,
        description="Who is acting, for commands that change anything (FOI_ACTOR; `--as EMAIL` overrides it): "
        "a registered, active person once anyone is registered.",
    )

    worker_stop_seconds: float = Field(
        10.0, gt=0, description="After Ctrl-C or SIGTERM, how long the worker waits for activities in flight."
    )
    client_timeout: float = Field(
        20.0, gt=0, description="Seconds a staff command waits for Temporal or the worker before giving up."
    )

    letter_templates: Path | None = Field(
        None, description="Folder of the authority's own letter templates (<kind>.docx); default: the shipped ones."
    )

    due_soon_working_days: int = Field(5, ge=1, description="How far ahead 'due soon' looks, in working days.")
    page_size: int = Field(50, ge=1, description="Cases per page in the dashboard's lists.")

    # The official returns (reports/returns, docs/returns.md)
    s45_includes_eir: bool = Field(
        False,
        description="The s45 Code's published figures count EIR requests with FOIA's (default: FOIA only, the Code "
        "being issued under FOIA s45; EIR requests are in the Cabinet Office return either way).",
    )

    dev_server_port: int = Field(7233, description="Port of the embedded Temporal dev server.")
    dev_server_ui: bool = Field(
        False, description="Start the embedded server's web UI (no sign-in, answers any Host): only on a private host."
    )
    dev_server_ui_port: int = Field(8233, description="Port of its web UI, when FOI_DEV_SERVER_UI is set.")

    # -- retention and erasure (issue 23, item 3; docs/retention.md) -------------------------------------
    retention: RetentionPolicy = Field(
        RetentionPolicy(),
        description="The retention schedule (`FOI_RETENTION__FOIA_YEARS=3`, ...; rules/retention.py): years "
        "after a case's closure before its requester's personal data is erased by the daily run.",
    )
    retention_sets_namespace: bool = Field(
        True,
        description="Set the embedded Temporal server's namespace retention to the shortest period of the "
        "schedule, so no closed workflow outlives the register's copy of its case.",
    )
    # The command line's cache of the `holidays` package's days (issue 24: a quick command line; cli/holiday_cache.py)
    holiday_cache: bool = Field(
        True, description="Commands read the holidays package's UK days from a cache kept per package version."
    )
    holiday_cache_dir: Path | None = Field(
        None, description="Where that cache lives; default: $XDG_CACHE_HOME/foi-deadlines or ~/.cache/foi-deadlines."
    )
    worker_cached_cases: int = Field(
        2000,
        ge=0,
        description="Open cases a worker keeps in memory (Temporal's sticky cache); a case outside it replays its "
        "history before it answers `show` or `record`. Set it above the open cases; each costs about 0.2 MB.",
    )

    def default_recipient(self, role: str) -> str | None:
        """The address a case's alarms for `role` ("officer", "manager") go to when it names none."""
        return {"officer": self.default_officer, "manager": self.default_manager}[role]

    @property
    def dashboard_credentials_configured(self) -> bool:
        return bool(self.dashboard_token)

    @property
    def session_key_file(self) -> Path:
        return self.data_dir / "session.key"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "payload.keys"

    @property
    def register_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'register.db').as_posix()}"


class SettingsError(ValueError):
    """A setting the environment gives that cannot be used: one line naming the variable, exit status 2."""

    exit_code = 2


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = "FOI_" + "__".join(str(part) for part in err["loc"]).upper()
        raise SettingsError(f"setting {name}: {err['msg']}") from None

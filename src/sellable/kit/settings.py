"""One typed settings object, read from SELLABLE_* environment variables."""

import secrets
from functools import cached_property
from pathlib import Path

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "changeme", "admin", "password", "secret"}


class Settings(BaseSettings):
    """Everything the service reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="SELLABLE_", env_file=None)

    environment: str = "development"
    data_dir: Path = Path("var")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1

    admin_user: str = "admin"
    admin_password: str = ""
    admin_email: str = "admin@example.com"
    sample_data: bool = True

    admin_token_lifetime_hours: float = 4.0
    customer_token_lifetime_hours: float = 1.0
    admin_lockout_failures: int = 6
    admin_lockout_minutes: int = 30
    # Signs the admin and storefront session cookies; generated when empty.
    secret_key: str = ""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_use_tls: bool = False
    mail_from: str = "sales@sellable.local"
    outbox_poll_seconds: float = 1.0
    run_outbox_worker: bool = True

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> "Settings":
        weak = self.admin_password.lower() in PLACEHOLDER_SECRETS
        if self.environment == "production" and weak:
            raise ValueError("SELLABLE_ADMIN_PASSWORD must be set to a real secret")
        weak_key = self.secret_key and self.secret_key.lower() in PLACEHOLDER_SECRETS
        if self.environment == "production" and weak_key:
            raise ValueError("SELLABLE_SECRET_KEY must be a real secret or unset")
        return self

    @cached_property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'sellable.sqlite3').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> str:
        """The configured secret, or one generated once into the data dir."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            path.chmod(0o600)
        return path.read_text(encoding="utf-8").strip()

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

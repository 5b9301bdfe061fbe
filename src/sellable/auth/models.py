"""Admin users and bearer tokens."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from sellable.kit.database import Base
from sellable.kit.types import Timestamp, utcnow


class AdminUser(Base):
    __tablename__ = "admin_user"

    user_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    email: Mapped[str] = mapped_column(String(128), default="")
    firstname: Mapped[str] = mapped_column(String(32), default="")
    lastname: Mapped[str] = mapped_column(String(32), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    failures_num: Mapped[int] = mapped_column(default=0)
    lock_expires: Mapped[datetime | None] = mapped_column(default=None)
    tfa_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class AccessToken(Base):
    """A bearer token; only its SHA-256 digest is stored."""

    __tablename__ = "oauth_token"

    token_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_type: Mapped[str] = mapped_column(String(16))
    admin_id: Mapped[int | None] = mapped_column(
        ForeignKey("admin_user.user_id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_entity.entity_id", ondelete="CASCADE"), index=True
    )
    revoked: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    expires_at: Mapped[Timestamp]

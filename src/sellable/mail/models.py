"""The outbox: messages written in the business transaction, sent after it."""

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sellable.kit.database import Base
from sellable.kit.types import Timestamp, utcnow


class OutboxMessage(Base):
    __tablename__ = "mail_outbox"
    __table_args__ = (Index(None, "sent_at", "next_attempt_at"),)

    message_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text, default=None)
    reference: Mapped[str | None] = mapped_column(String(255), default=None)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)

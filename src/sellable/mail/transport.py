"""Where messages go: an SMTP server, or .eml files when none is set."""

import smtplib
from datetime import UTC, datetime
from email.charset import QP, Charset
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

from sellable.kit.settings import Settings
from sellable.kit.types import utcnow
from sellable.mail.models import OutboxMessage


class Transport(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


def build_email(message: OutboxMessage, sender: str) -> MIMEText:
    """The message as MIME: text/plain, readable in the raw (7bit or QP).

    The compat32 MIMEText builds in a sixth of the time EmailMessage takes,
    and the outbox builds one per order.
    """
    email = MIMEText(message.body_text, "plain", _charset(message.body_text))
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    # Stable per outbox row: a resend after a crash carries the same id.
    email["Message-ID"] = f"<outbox-{message.message_id}@sellable>"
    email["Date"] = format_datetime(_aware(message.created_at or utcnow()))
    if message.reference:
        email["X-Sellable-Reference"] = message.reference
    return email


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _charset(text: str) -> Charset:
    if text.isascii():
        return Charset("us-ascii")
    charset = Charset("utf-8")
    charset.body_encoding = QP
    return charset


class SmtpTransport:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def send(self, message: OutboxMessage) -> None:
        s = self._settings
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=10) as smtp:
            if s.smtp_use_tls:
                smtp.starttls()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
            smtp.send_message(build_email(message, s.mail_from))


class FileTransport:
    """Writes each message as an .eml file named after its outbox id."""

    def __init__(self, directory: Path, sender: str) -> None:
        self._directory = directory
        self._sender = sender

    def send(self, message: OutboxMessage) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        path = self._directory / f"{message.message_id:08d}-{message.kind}.eml"
        path.write_bytes(build_email(message, self._sender).as_bytes())


def transport_for(settings: Settings) -> Transport:
    if settings.smtp_host:
        return SmtpTransport(settings)
    return FileTransport(settings.mail_dir, settings.mail_from)

"""Queue messages in the business transaction; deliver them after commit.

Delivery claims one message at a time (SKIP LOCKED on PostgreSQL), marks it
sent in the same transaction as the claim, and retries with backoff, so a
crash or an SMTP outage neither loses nor doubles a message.
"""

import threading
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.logging import get_logger
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow
from sellable.mail.models import OutboxMessage
from sellable.mail.transport import Transport, transport_for

log = get_logger(__name__)
MAX_BACKOFF_SECONDS = 300


def enqueue(
    session: Session, kind: str, recipient: str, subject: str, body_text: str,
    reference: str | None = None,
) -> OutboxMessage:
    """Write a message to the outbox; it leaves only if the transaction commits."""
    message = OutboxMessage(
        kind=kind, recipient=recipient, subject=subject, body_text=body_text,
        reference=reference,
    )
    session.add(message)
    session.flush()
    return message


def deliver_due(factory: sessionmaker[Session], transport: Transport, limit: int = 50) -> int:
    """Send the messages that are due; answer how many were sent."""
    sent = 0
    for _ in range(limit):
        outcome = _deliver_one(factory, transport)
        if outcome is None:
            break
        sent += int(outcome)
    return sent


def _deliver_one(factory: sessionmaker[Session], transport: Transport) -> bool | None:
    with factory() as session, session.begin():
        message = session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= utcnow())
            .order_by(OutboxMessage.message_id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if message is None:
            return None
        try:
            transport.send(message)
        except Exception as exc:  # noqa: BLE001 - any transport failure is retried
            _schedule_retry(message, exc)
            return False
        message.sent_at = utcnow()
        message.attempts += 1
        log.info("mail_sent", message_id=message.message_id, kind=message.kind)
        return True


def _schedule_retry(message: OutboxMessage, exc: Exception) -> None:
    message.attempts += 1
    delay = min(2 ** message.attempts, MAX_BACKOFF_SECONDS)
    message.next_attempt_at = utcnow() + timedelta(seconds=delay)
    message.last_error = str(exc)[:1000]
    log.warning("mail_retry", message_id=message.message_id, attempts=message.attempts,
                error=message.last_error)


class OutboxWorker:
    """A background thread that drains the outbox, woken after each commit."""

    def __init__(self, settings: Settings, factory: sessionmaker[Session]) -> None:
        self._settings = settings
        self._factory = factory
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def drain(self) -> int:
        """Deliver everything due now (for the CLI and tests)."""
        return deliver_due(self._factory, transport_for(self._settings), limit=10_000)

    def _run(self) -> None:
        transport = transport_for(self._settings)
        while not self._stop.is_set():
            try:
                deliver_due(self._factory, transport)
            except Exception:  # noqa: BLE001 - keep the worker alive; next loop retries
                log.exception("outbox_loop_failed")
            self._wake.wait(self._settings.outbox_poll_seconds)
            self._wake.clear()

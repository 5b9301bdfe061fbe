"""Queue messages in the business transaction; deliver them after commit.

On PostgreSQL delivery claims one due message at a time with SELECT ... FOR
UPDATE SKIP LOCKED, sends it while holding that row lock, and marks it sent
in the same transaction, so two workers (or processes) never send the same
message and a crash before the commit releases the lock for a retry. On
SQLite, where a lock would stop every writer, a message is first leased
(its next attempt moved past the send) and marked after the send.

A message is marked sent only after the SMTP server accepted it. The one
window left is a crash between that acceptance and the commit: the message
is then sent again, once, with the same Message-ID (`<outbox-ID@...>`), so a
receiver can drop the duplicate. SMTP failures are retried with exponential
backoff; nothing is ever dropped.
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
LEASE_SECONDS = 120


def enqueue(
    session: Session,
    kind: str,
    recipient: str,
    subject: str,
    body_text: str,
    reference: str | None = None,
) -> OutboxMessage:
    """Write a message to the outbox; it leaves only if the transaction commits.

    The row is written with the transaction's next flush (or its commit).
    """
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        reference=reference,
    )
    session.add(message)
    return message


def deliver_due(
    factory: sessionmaker[Session], transport: Transport, limit: int = 50
) -> int:
    """Send the messages that are due; answer how many were sent.

    The pass stops at the first failure: a server that is down is asked
    again after the backoff, not once per queued message.
    """
    sent = 0
    deliver = _deliver_leased if _is_sqlite(factory) else _deliver_locked
    for _ in range(limit):
        outcome = deliver(factory, transport)
        if not outcome:
            break
        sent += 1
    return sent


def backoff_seconds(attempts: int) -> int:
    """Seconds before the next try after `attempts` failed ones."""
    return int(min(2**attempts, MAX_BACKOFF_SECONDS))


def _is_sqlite(factory: sessionmaker[Session]) -> bool:
    bind = factory.kw.get("bind")
    return bind is not None and bind.dialect.name == "sqlite"


def _due(session: Session, skip_locked: bool) -> OutboxMessage | None:
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.next_attempt_at <= utcnow(),
        )
        .order_by(OutboxMessage.message_id)
        .limit(1)
    )
    if skip_locked:
        query = query.with_for_update(skip_locked=True)
    return session.scalar(query)


def _deliver_locked(
    factory: sessionmaker[Session], transport: Transport
) -> bool | None:
    with factory() as session, session.begin():
        message = _due(session, skip_locked=True)
        if message is None:
            return None
        failure = _try_send(message, transport)
        _record_outcome(message, failure)
        return failure is None


def _deliver_leased(
    factory: sessionmaker[Session], transport: Transport
) -> bool | None:
    with factory() as session, session.begin():
        message = _due(session, skip_locked=False)
        if message is None:
            return None
        message.next_attempt_at = utcnow() + timedelta(seconds=LEASE_SECONDS)

    # Sent outside any transaction: on SQLite a lock would stop every writer.
    failure = _try_send(message, transport)
    with factory() as session, session.begin():
        leased = session.get(OutboxMessage, message.message_id)
        assert leased is not None
        _record_outcome(leased, failure)
    return failure is None


def _try_send(message: OutboxMessage, transport: Transport) -> Exception | None:
    try:
        transport.send(message)
    except Exception as exc:  # noqa: BLE001 - any transport failure is retried
        return exc
    return None


def _record_outcome(message: OutboxMessage, failure: Exception | None) -> None:
    if failure is not None:
        _schedule_retry(message, failure)
        return
    message.sent_at = utcnow()
    message.attempts += 1
    log.info(
        "mail_sent",
        message_id=message.message_id,
        kind=message.kind,
        reference=message.reference,
    )


def _schedule_retry(message: OutboxMessage, exc: Exception) -> None:
    message.attempts += 1
    delay = backoff_seconds(message.attempts)
    message.next_attempt_at = utcnow() + timedelta(seconds=delay)
    message.last_error = str(exc)[:1000]
    log.warning(
        "mail_retry",
        message_id=message.message_id,
        attempts=message.attempts,
        delay_seconds=delay,
        error=message.last_error,
    )


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

"""The outbox against a real SMTP server: retried when down, never lost or doubled."""

import threading
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow
from sellable.mail.models import OutboxMessage
from sellable.mail.outbox import backoff_seconds, deliver_due, enqueue
from sellable.mail.transport import SmtpTransport
from tests.e2e.live_server import SmtpSink, smtp_sink_fixture  # noqa: F401


def _queue(factory: sessionmaker[Session], count: int) -> None:
    with unit_of_work(factory) as session:
        for n in range(count):
            enqueue(session, "order_confirmation", f"c{n}@example.com", f"Order {n}",
                    "Thank you.", reference=f"00000000{n}")  # fmt: skip


def _transport(sink: SmtpSink) -> SmtpTransport:
    return SmtpTransport(Settings(smtp_host="127.0.0.1", smtp_port=sink.port))


def _messages(factory: sessionmaker[Session]) -> list[OutboxMessage]:
    with factory() as session:
        return list(
            session.scalars(select(OutboxMessage).order_by(OutboxMessage.message_id))
        )


def _time_passes(factory: sessionmaker[Session]) -> None:
    """Make every unsent message due now, as if its backoff had elapsed."""
    with unit_of_work(factory) as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None))
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def test_smtp_down_is_retried_with_backoff_and_each_message_arrives_once(
    session_factory: sessionmaker[Session], smtp_sink: SmtpSink
) -> None:
    _queue(session_factory, 3)
    transport = _transport(smtp_sink)

    while_down = deliver_due(session_factory, transport)
    first, *others = _messages(session_factory)
    smtp_sink.start()
    too_early = deliver_due(session_factory, transport)
    _time_passes(session_factory)
    after = deliver_due(session_factory, transport)
    again = deliver_due(session_factory, transport)

    assert while_down == 0
    assert first.sent_at is None and first.attempts == 1 and first.last_error
    wait = first.next_attempt_at.replace(tzinfo=None) - first.created_at.replace(
        tzinfo=None
    )
    assert timedelta(seconds=1) < wait < timedelta(seconds=10)
    assert [m.attempts for m in others] == [0, 0], "one refusal stops the pass"
    assert too_early == 2, "the failed message waits for its backoff"
    assert (after, again) == (1, 0)
    assert sorted(smtp_sink.message_ids().values()) == [1, 1, 1]
    assert all(m.sent_at is not None for m in _messages(session_factory))


def test_backoff_doubles_up_to_five_minutes() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3, 4, 8, 9, 20)] == [
        2, 4, 8, 16, 256, 300, 300,
    ]  # fmt: skip


def test_a_message_the_server_refuses_is_not_marked_sent(
    session_factory: sessionmaker[Session], smtp_sink: SmtpSink
) -> None:
    _queue(session_factory, 1)
    smtp_sink.start()
    smtp_sink.refuse = True

    refused = deliver_due(session_factory, _transport(smtp_sink))
    (message,) = _messages(session_factory)
    smtp_sink.refuse = False
    _time_passes(session_factory)
    accepted = deliver_due(session_factory, _transport(smtp_sink))

    assert refused == 0
    assert message.sent_at is None and "554" in (message.last_error or "")
    assert accepted == 1
    assert list(smtp_sink.message_ids().values()) == [1]


def test_two_workers_draining_at_once_never_send_the_same_message(
    session_factory: sessionmaker[Session], smtp_sink: SmtpSink
) -> None:
    _queue(session_factory, 24)
    smtp_sink.start()
    smtp_sink.delay_seconds = 0.05
    sent: dict[str, int] = {}

    def worker(name: str) -> None:
        sent[name] = deliver_due(session_factory, _transport(smtp_sink), limit=100)

    workers = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)

    print(f"\noutbox workers sent {sent}")
    assert sum(sent.values()) == 24
    assert len(smtp_sink.message_ids()) == 24
    assert set(smtp_sink.message_ids().values()) == {1}
    assert all(m.sent_at is not None for m in _messages(session_factory))

"""SIGKILL every server process mid-checkout: nothing lost, half-made or re-mailed."""

import functools
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from sellable.inventory.ledger_check import check_ledger
from sellable.inventory.models import Reservation
from sellable.mail.models import OutboxMessage
from sellable.sales.models import Order, OrderItem, OrderPayment
from tests.e2e.live_server import (
    LiveServer,
    Shopper,
    SmtpSink,
    fill_cart,
    live_server_fixture,  # noqa: F401 - the fixture
    parallel,
    place_order,
    seeded_shoppers,
    smtp_sink_fixture,  # noqa: F401 - the fixture
    write_figures,
)

SKU = "24-WB01"
SHOPPERS = 40
KILL_AFTER_CONFIRMED = 12
DRAIN_TIMEOUT_SECONDS = 40


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    created = create_engine(database_url)
    yield created
    created.dispose()


class Checkout:
    """Shoppers placing orders in parallel; what each of them was told."""

    def __init__(self, base_url: str, shoppers: list[Shopper]) -> None:
        self.base_url = base_url
        self.shoppers = shoppers
        self.confirmed: dict[str, int] = {}
        self.refused: dict[str, int] = {}
        self.unanswered: dict[str, str] = {}
        self.enough = threading.Event()
        self._lock = threading.Lock()

    def run(self, threads: int) -> None:
        parallel([self._one(s) for s in self.shoppers], threads=threads)

    def retry_unanswered(self) -> None:
        """Clients that lost their answer send the same request (same key) again."""
        lost = [s for s in self.shoppers if s.email in self.unanswered]
        self.unanswered = {}
        parallel([self._one(s) for s in lost], threads=8)

    def _one(self, shopper: Shopper) -> Callable[[], None]:
        def go() -> None:
            try:
                with httpx.Client(base_url=self.base_url, timeout=30) as client:
                    answer = place_order(client, shopper, key=f"k-{shopper.email}")
            except httpx.TransportError as error:
                with self._lock:
                    self.unanswered[shopper.email] = type(error).__name__
                return
            with self._lock:
                if answer.status_code == 200:
                    self.confirmed[shopper.email] = int(answer.json())
                else:
                    self.refused[shopper.email] = answer.status_code
                if len(self.confirmed) >= KILL_AFTER_CONFIRMED:
                    self.enough.set()

        return go


def _quantity(shopper_number: int) -> int:
    return 1 + shopper_number % 2


def _prepare(database_url: str, server: LiveServer) -> list[Shopper]:
    emails = [f"crash{n}@example.com" for n in range(SHOPPERS)]
    shoppers = seeded_shoppers(database_url, emails)
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        parallel(
            [
                functools.partial(fill_cart, client, shopper, [(SKU, _quantity(n))])
                for n, shopper in enumerate(shoppers)
            ],
            threads=16,
        )
    return shoppers


def _order_holds(session: Session) -> dict[int, Decimal]:
    holds: dict[int, Decimal] = {}
    for metadata, qty in session.execute(
        select(Reservation.metadata_json, Reservation.quantity)
    ):
        found = json.loads(metadata or "{}")
        if found.get("object_type") == "order":
            order_id = int(found["object_id"])
            holds[order_id] = holds.get(order_id, Decimal(0)) + Decimal(qty)
    return holds


def _whole_orders(engine: Engine) -> dict[int, str]:
    """Each order, and what is wrong with it ('' when whole)."""
    with Session(engine) as session:
        holds = _order_holds(session)
        ordered: dict[int, Decimal] = dict(
            session.execute(
                select(OrderItem.order_id, func.sum(OrderItem.qty_ordered)).group_by(
                    OrderItem.order_id
                )
            ).all()
        )
        paid: dict[int, int] = dict(
            session.execute(
                select(OrderPayment.parent_id, func.count()).group_by(
                    OrderPayment.parent_id
                )
            ).all()
        )
        mails = Counter(
            session.scalars(
                select(OutboxMessage.reference).where(
                    OutboxMessage.kind == "order_confirmation"
                )
            )
        )
        verdicts: dict[int, str] = {}
        for order_id, increment_id in session.execute(
            select(Order.entity_id, Order.increment_id)
        ):
            qty = Decimal(ordered.get(order_id, 0))
            problems = [
                "no items" if qty == 0 else "",
                "no payment" if paid.get(order_id) != 1 else "",
                "hold differs" if holds.get(order_id) != -qty else "",
                "mail count" if mails.get(increment_id) != 1 else "",
            ]
            verdicts[order_id] = ",".join(p for p in problems if p)
        orphans = set(holds) - set(verdicts)
        for order_id in orphans:
            verdicts[order_id] = "hold without order"
    return verdicts


def _sku_reserved(engine: Engine) -> Decimal:
    with engine.connect() as connection:
        total = connection.scalar(
            select(func.sum(Reservation.quantity)).where(Reservation.sku == SKU)
        )
    return Decimal(total or 0)


def _sku_ordered(engine: Engine) -> Decimal:
    with engine.connect() as connection:
        total = connection.scalar(
            select(func.sum(OrderItem.qty_ordered)).where(OrderItem.sku == SKU)
        )
    return Decimal(total or 0)


def _unsent(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.sent_at.is_(None))
            )
            or 0
        )


def _outbox_ids(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.scalars(select(OutboxMessage.message_id)))


def _wait_for_drain(engine: Engine) -> float:
    started = time.monotonic()
    while _unsent(engine) and time.monotonic() - started < DRAIN_TIMEOUT_SECONDS:
        time.sleep(0.3)
    return time.monotonic() - started


@pytest.mark.postgresql_only
def test_a_sigkill_mid_checkout_loses_no_confirmed_order_and_no_mail(
    live_server: Callable[..., LiveServer],
    smtp_sink: SmtpSink,
    database_url: str,
    engine: Engine,
) -> None:
    smtp_sink.start()
    smtp_sink.delay_seconds = 0.5
    server = live_server(
        workers=2,
        SELLABLE_SMTP_HOST="127.0.0.1",
        SELLABLE_SMTP_PORT=str(smtp_sink.port),
        SELLABLE_OUTBOX_POLL_SECONDS="0.2",
    )
    checkout = Checkout(server.base_url, _prepare(database_url, server))

    started = time.monotonic()
    placing = threading.Thread(target=checkout.run, args=(8,))
    placing.start()
    assert checkout.enough.wait(timeout=60), "orders were not being confirmed"
    server.kill()
    killed_after = time.monotonic() - started
    placing.join(timeout=60)
    unsent_at_crash = _unsent(engine)
    delivered_before = len(smtp_sink.message_ids())
    confirmed_before = dict(checkout.confirmed)
    unanswered_at_crash = len(checkout.unanswered)
    server.start()
    checkout.retry_unanswered()
    drained_in = _wait_for_drain(engine)

    verdicts = _whole_orders(engine)
    received = smtp_sink.message_ids()
    expected_ids = {f"<outbox-{n}@sellable>" for n in _outbox_ids(engine)}
    with Session(engine) as session:
        ledger = check_ledger(session)
    write_figures(
        "SIGKILL mid-checkout",
        {"attempts": SHOPPERS, "confirmed_before_crash": len(confirmed_before),
         "unanswered_at_crash": unanswered_at_crash,
         "confirmed_after_retry": len(checkout.confirmed),
         "orders_in_db": len(verdicts), "killed_after_s": round(killed_after, 2),
         "mails_before_crash": delivered_before, "unsent_at_crash": unsent_at_crash,
         "drained_in_s": round(drained_in, 2),
         "duplicates": sum(c - 1 for c in received.values())},
    )  # fmt: skip
    assert set(checkout.confirmed.values()) <= set(verdicts), (
        "a confirmed order is lost"
    )
    assert {o: v for o, v in verdicts.items() if v} == {}, "an order is partial"
    assert not checkout.refused, checkout.refused
    assert len(verdicts) <= len(checkout.confirmed) + len(checkout.unanswered)
    assert ledger.clean, ledger
    assert _sku_reserved(engine) == -_sku_ordered(engine)
    assert _unsent(engine) == 0, "every queued mail leaves after the restart"
    assert set(received) == expected_ids, "each mail arrived (under its Message-ID)"
    assert sum(c - 1 for c in received.values()) <= 2, "at most the in-flight ones"

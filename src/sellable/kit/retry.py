"""Retry a request whose transaction lost a lock race; queue what the pool can't hold.

A PostgreSQL serialization failure (SQLSTATE 40001) or deadlock (40P01) rolls
the whole request transaction back, so running the request again from the
start is safe: nothing of the first attempt was committed. `RequestGuard`
buffers the request body, runs the app, and when the error handler marks the
attempt as a lost race it drops that attempt's response and runs it again, a
bounded number of times, before the client sees a Magento-style 503.

The guard also admits at most as many requests per process as the connection
pool can serve. A request that waits for a connection while holding a worker
thread could otherwise starve the requests that already hold a connection
(and the row locks it waits for) of the threads they need to finish.
"""

import random
from collections.abc import Callable
from typing import Any

import anyio
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sellable.kit.logging import get_logger

log = get_logger(__name__)
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
MAX_ATTEMPTS = 5
FIRST_BACKOFF_SECONDS = 0.02
ATTEMPT_KEY = "sellable.attempt"
BUSY_MESSAGE = (
    "The request could not be completed because of concurrent changes. Try again later."
)


def sqlstate_of(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error, looked up through wrapped causes."""
    seen: BaseException | None = exc
    for _ in range(5):
        if seen is None:
            return None
        state = getattr(seen, "sqlstate", None)
        if isinstance(state, str):
            return state
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def is_retryable(exc: BaseException) -> bool:
    return sqlstate_of(exc) in RETRYABLE_SQLSTATES


class Attempt:
    """One run of a request; the error handler marks it when the race was lost."""

    def __init__(self, number: int, last: bool) -> None:
        self.number = number
        self.last = last
        self.lost_race = False


def note_lost_race(request: Request) -> bool:
    """Mark the request's attempt for a retry; answer whether one will follow."""
    attempt = request.scope.get(ATTEMPT_KEY)
    if not isinstance(attempt, Attempt):
        return False
    attempt.lost_race = True
    return not attempt.last


def request_slots(engine: Engine, reserved: int = 1) -> int | None:
    """How many requests one process can serve at once: its pool, less `reserved`."""
    pool: Any = engine.pool
    size = getattr(pool, "size", None)
    overflow = getattr(pool, "_max_overflow", None)
    if not callable(size) or not isinstance(overflow, int) or overflow < 0:
        return None
    return max(1, int(size()) + overflow - reserved)


class RequestGuard:
    """ASGI middleware: admit up to the pool's capacity, retry lost races."""

    def __init__(self, app: ASGIApp, slots: Callable[[], int | None]) -> None:
        self.app = app
        self._slots = slots
        self._gate: anyio.Semaphore | None = None
        self._gate_ready = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        gate = self._admission()
        if gate is None:
            await self._serve(scope, receive, send)
            return
        async with gate:
            await self._serve(scope, receive, send)

    def _admission(self) -> anyio.Semaphore | None:
        if not self._gate_ready:
            slots = self._slots()
            self._gate = anyio.Semaphore(slots) if slots else None
            self._gate_ready = True
        return self._gate

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_body(receive)
        for number in range(1, MAX_ATTEMPTS + 1):
            attempt = Attempt(number, last=number == MAX_ATTEMPTS)
            scope[ATTEMPT_KEY] = attempt
            await self.app(scope, _replay(body, receive), _guarded(attempt, send))
            if not attempt.lost_race or attempt.last:
                return
            log.warning("request_retried", path=scope.get("path"), attempt=number + 1)
            await anyio.sleep(_backoff(number))


def _backoff(number: int) -> float:
    ceiling = FIRST_BACKOFF_SECONDS * 2 ** (number - 1)
    return random.uniform(ceiling / 2, ceiling)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _guarded(attempt: Attempt, send: Send) -> Send:
    """Forward the attempt's response unless it is to be retried."""
    dropped: bool | None = None

    async def guarded(message: Message) -> None:
        nonlocal dropped
        if dropped is None and message["type"] == "http.response.start":
            dropped = attempt.lost_race and not attempt.last
        if not dropped:
            await send(message)

    return guarded

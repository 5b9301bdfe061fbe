"""Concurrent HTTP clients placing orders, each on its own prepared carts."""

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from bench.ceiling import Throughput
from bench.shop import ADDRESS

PLACE_ORDER = "/rest/default/V1/carts/mine/payment-information"
BODY = {"paymentMethod": {"method": "checkmo"}, "billing_address": ADDRESS}


@dataclass
class ClientLog:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    ran_out: bool = False


@dataclass(frozen=True)
class LoadRun:
    result: Throughput
    ran_out: bool
    unused_tokens: list[str]


def place_orders(
    base_url: str, label: str, tokens: Sequence[str], clients: int, seconds: float
) -> LoadRun:
    """Place orders for `seconds` (or until the carts run out)."""
    return asyncio.run(_run(base_url, label, tokens, clients, seconds))


async def _run(
    base_url: str, label: str, tokens: Sequence[str], clients: int, seconds: float
) -> LoadRun:
    shares = [list(tokens[i::clients]) for i in range(clients)]
    logs = [ClientLog() for _ in shares]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as http:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _client(http, share, log, deadline)
                for share, log in zip(shares, logs, strict=True)
            )
        )
        elapsed = min(time.perf_counter() - started, seconds) if seconds else 0.0
    latencies = [ms for log in logs for ms in log.latencies_ms]
    errors = [error for log in logs for error in log.errors]
    result = Throughput(label, len(latencies), elapsed, len(errors), latencies)
    result.error_samples.extend(sorted(set(errors))[:5])
    unused = [token for log in logs for token in log.unused]
    return LoadRun(result, any(log.ran_out for log in logs), unused)


async def _client(
    http: httpx.AsyncClient, tokens: list[str], log: ClientLog, deadline: float
) -> None:
    for index, token in enumerate(tokens):
        if time.perf_counter() >= deadline:
            log.unused.extend(tokens[index:])
            return
        started = time.perf_counter()
        outcome = await _place(http, token)
        finished = time.perf_counter()
        if finished > deadline:
            log.unused.extend(tokens[index + 1 :])
            return
        if outcome is None:
            log.latencies_ms.append((finished - started) * 1000)
        else:
            log.errors.append(outcome)
    log.ran_out = True


async def _place(http: httpx.AsyncClient, token: str) -> str | None:
    """Place one order; answer None, or what went wrong."""
    headers = {"Authorization": f"Bearer {token}"}
    try:
        response = await http.post(PLACE_ORDER, json=BODY, headers=headers)
    except httpx.HTTPError as error:
        return type(error).__name__
    if response.status_code == 200:
        return None
    return f"{response.status_code} {response.text[:160]}"

"""Concurrent HTTP clients posting orders, each with its own bearer tokens.

sellable's run gives every client its own prepared carts (one token per
order); the floor runs post the same body with one token, over and over.
"""

import asyncio
import itertools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import aiohttp

from bench.ceiling import Throughput
from bench.shop import ADDRESS

PLACE_ORDER = "/rest/default/V1/carts/mine/payment-information"
BODY = {"paymentMethod": {"method": "checkmo"}, "billing_address": ADDRESS}


@dataclass
class ClientLog:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    used: int = 0
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
    shares = [list(tokens[i::clients]) for i in range(clients)]
    logs, elapsed = asyncio.run(_run(base_url, PLACE_ORDER, shares, seconds))
    unused = [
        token
        for share, log in zip(shares, logs, strict=True)
        for token in share[log.used :]
    ]
    result = _throughput(label, logs, elapsed)
    return LoadRun(result, any(log.ran_out for log in logs), unused)


def post_repeatedly(
    base_url: str, label: str, path: str, token: str, clients: int, seconds: float
) -> Throughput:
    """`clients` clients post sellable's body to `path` until `seconds` pass."""
    shares = [itertools.repeat(token) for _ in range(clients)]
    logs, elapsed = asyncio.run(_run(base_url, path, shares, seconds))
    return _throughput(label, logs, elapsed)


async def _run(
    base_url: str, path: str, shares: Sequence[Iterable[str]], seconds: float
) -> tuple[list[ClientLog], float]:
    logs = [ClientLog() for _ in shares]
    clients = len(shares)
    # aiohttp, not httpx: on these 2 shared cores the load generator's own CPU
    # per request counts, and aiohttp's client spends a fraction of httpx's.
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(
        base_url, connector=connector, timeout=timeout
    ) as http:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _client(http, path, share, log, deadline)
                for share, log in zip(shares, logs, strict=True)
            )
        )
        elapsed = min(time.perf_counter() - started, seconds) if seconds else 0.0
    return logs, elapsed


def _throughput(label: str, logs: list[ClientLog], elapsed: float) -> Throughput:
    latencies = [ms for log in logs for ms in log.latencies_ms]
    errors = [error for log in logs for error in log.errors]
    result = Throughput(label, len(latencies), elapsed, len(errors), latencies)
    result.error_samples.extend(sorted(set(errors))[:5])
    return result


async def _client(
    http: aiohttp.ClientSession,
    path: str,
    tokens: Iterable[str],
    log: ClientLog,
    deadline: float,
) -> None:
    """Post once per token until the deadline; `log.used` counts tokens spent."""
    for token in tokens:
        if time.perf_counter() >= deadline:
            return
        started = time.perf_counter()
        outcome = await _post(http, path, token)
        finished = time.perf_counter()
        log.used += 1
        if finished > deadline:
            return
        if outcome is None:
            log.latencies_ms.append((finished - started) * 1000)
        else:
            log.errors.append(outcome)
    log.ran_out = True


async def _post(http: aiohttp.ClientSession, path: str, token: str) -> str | None:
    """Post sellable's place-order body; answer None, or what went wrong."""
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with http.post(path, json=BODY, headers=headers) as response:
            text = await response.text()
    except (aiohttp.ClientError, TimeoutError) as error:
        return type(error).__name__
    if response.status == 200:
        return None
    return f"{response.status} {text[:160]}"

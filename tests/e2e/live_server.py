"""A real sellable server (uvicorn, several worker processes) and REST shoppers.

`LiveServer` runs `uvicorn sellable.asgi:create --factory --workers N` in its
own process group against one test database, waits until every worker has
started, and stops it (or SIGKILLs the whole group, for crash tests). The
helpers below build customers, tokens and carts through the REST API only.
"""

import asyncio
import contextlib
import email
import functools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from sellable.auth.models import AccessToken
from sellable.customer.models import Customer
from sellable.kit.database import make_engine, make_session_factory, unit_of_work
from sellable.kit.security import hash_password, new_token, token_digest
from sellable.kit.types import utcnow
from tests.conftest import ADMIN_PASSWORD

START_TIMEOUT_SECONDS = 60
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "Password1"
MINEOLA: dict[str, Any] = {
    "region": "New York",
    "region_id": 43,
    "region_code": "NY",
    "country_id": "US",
    "street": ["160 1st St."],
    "postcode": "11501",
    "city": "Mineola",
    "firstname": "Jane",
    "lastname": "Doe",
    "email": "jdoe@example.com",
    "telephone": "516-555-1111",
}
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    """One uvicorn supervisor and its worker processes."""

    database_url: str
    data_dir: Path
    workers: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / f"server-{self.starts}.log"

    def start(self) -> "LiveServer":
        """Start the workers and wait until each of them serves."""
        self.starts += 1
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self._command(),
                env=self._environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._wait_until_ready()
        return self

    def kill(self) -> None:
        """SIGKILL the supervisor and every worker: a crash, no clean-up."""
        self._signal_group(signal.SIGKILL)
        self._reap(timeout=10)

    def stop(self) -> None:
        """Shut down gracefully; kill what does not stop in time."""
        self._signal_group(signal.SIGTERM)
        try:
            self._reap(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "uvicorn", "sellable.asgi:create", "--factory",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--log-level", "warning",
        ]  # fmt: skip

    def _environment(self) -> dict[str, str]:
        inherited = {
            k: v for k, v in os.environ.items() if not k.startswith("SELLABLE")
        }
        return {
            **inherited,
            "PYTHONUNBUFFERED": "1",
            "SELLABLE_DATABASE_URL": self.database_url,
            "SELLABLE_DATA_DIR": str(self.data_dir),
            "SELLABLE_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "SELLABLE_WORKERS": str(self.workers),
            **self.extra_env,
        }

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                break
            if self._healthy() and self._pids_ready():
                return
            time.sleep(0.2)
        raise AssertionError(f"server did not start; log:\n{self.log_text()}")

    def _healthy(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def _pids_ready(self) -> bool:
        # each worker answers /health only after its lifespan started; wait for
        # all of them by letting a few health probes spread over the workers
        time.sleep(0.5 if self.workers > 1 else 0)
        return all(self._healthy() for _ in range(self.workers * 2))

    def _signal_group(self, number: signal.Signals) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)

    def _reap(self, timeout: float) -> None:
        if self.process is not None:
            self.process.wait(timeout=timeout)


@pytest.fixture(name="live_server")
def live_server_fixture(
    database_url: str, tmp_path: Path
) -> Iterator[Callable[..., LiveServer]]:
    """Start servers on the test database; every one is stopped at the end."""
    started: list[LiveServer] = []

    def start(workers: int = 2, **env: str) -> LiveServer:
        server = LiveServer(
            database_url, tmp_path / "server", workers=workers, extra_env=env
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


def parallel(tasks: Iterable[Callable[[], T]], threads: int = 16) -> list[T]:
    """Run the callables in a thread pool; answer their results in order."""
    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(task) for task in tasks]
        return [future.result() for future in futures]


def admin_headers(base_url: str) -> dict[str, str]:
    response = httpx.post(
        f"{base_url}/rest/V1/integration/admin/token",
        json={"username": "admin", "password": ADMIN_PASSWORD},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()}"}


def set_source_quantities(
    base_url: str, admin: dict[str, str], rows: dict[tuple[str, str], int]
) -> None:
    """Set (source_code, sku) quantities through the source-items API."""
    items = [
        {"sku": sku, "source_code": code, "quantity": qty, "status": 1}
        for (code, sku), qty in rows.items()
    ]
    response = httpx.post(
        f"{base_url}/rest/V1/inventory/source-items",
        headers=admin,
        json={"sourceItems": items},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def add_products(
    base_url: str, admin: dict[str, str], quantities: dict[str, int]
) -> None:
    """Simple products on the main website, each with a quantity at `default`."""
    for sku, qty in quantities.items():
        product = {
            "sku": sku, "name": f"Racing {sku}", "attribute_set_id": 4, "price": 10,
            "status": 1, "visibility": 4, "type_id": "simple", "weight": 1,
            "extension_attributes": {
                "website_ids": [1], "stock_item": {"qty": qty, "is_in_stock": True}
            },
        }  # fmt: skip
        response = httpx.post(
            f"{base_url}/rest/default/V1/products",
            headers=admin,
            json={"product": product},
            timeout=30,
        )
        assert response.status_code == 200, response.text
    set_source_quantities(
        base_url, admin, {("default", sku): q for sku, q in quantities.items()}
    )


def salable_quantity(base_url: str, admin: dict[str, str], sku: str) -> Decimal:
    response = httpx.get(
        f"{base_url}/rest/V1/inventory/get-product-salable-quantity/{sku}/1",
        headers=admin,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return Decimal(str(response.json()))


@dataclass
class Shopper:
    email: str
    headers: dict[str, str]


def new_shopper(
    client: httpx.Client, email: str, lines: list[tuple[str, int]]
) -> Shopper:
    """Register through REST, sign in, fill a cart and choose flat-rate shipping."""
    customer = {
        "email": email,
        "firstname": "Jane",
        "lastname": "Doe",
        "website_id": 1,
        "addresses": [_address(default=True)],
    }
    body = {"customer": customer, "password": PASSWORD}
    _ok(client.post("/rest/V1/customers", json=body))
    token = _ok(
        client.post(
            "/rest/V1/integration/customer/token",
            json={"username": email, "password": PASSWORD},
        )
    )
    shopper = Shopper(email, {"Authorization": f"Bearer {token}"})
    fill_cart(client, shopper, lines)
    return shopper


def seeded_shoppers(database_url: str, emails: list[str]) -> list[Shopper]:
    """Customers and tokens written as rows (one password hash for all of them).

    Registering through REST costs two Argon2 hashes per customer, which on a
    busy two-core machine takes longer than the race itself.
    """
    engine = make_engine(database_url)
    password_hash = _password_hash()
    shoppers: list[Shopper] = []
    with unit_of_work(make_session_factory(engine)) as session:
        for email in emails:
            customer = Customer(
                email=email, firstname="Jane", lastname="Doe", website_id=1,
                store_id=1, group_id=1, password_hash=password_hash,
            )  # fmt: skip
            session.add(customer)
            session.flush()
            token = new_token()
            session.add(
                AccessToken(
                    token_digest=token_digest(token),
                    user_type="customer",
                    customer_id=customer.entity_id,
                    expires_at=utcnow() + timedelta(hours=4),
                )
            )
            shoppers.append(Shopper(email, {"Authorization": f"Bearer {token}"}))
    engine.dispose()
    return shoppers


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def fill_cart(
    client: httpx.Client, shopper: Shopper, lines: list[tuple[str, int]]
) -> int:
    """Open the cart, add the lines, choose flat-rate shipping; answer the cart id."""
    cart_id = _ok(client.post("/rest/default/V1/carts/mine", headers=shopper.headers))
    for sku, qty in lines:
        item = {"sku": sku, "qty": qty, "quote_id": str(cart_id)}
        _ok(
            client.post(
                "/rest/default/V1/carts/mine/items",
                headers=shopper.headers,
                json={"cartItem": item},
            )
        )
    address = {**MINEOLA, "email": shopper.email}
    information = {
        "shipping_address": address,
        "billing_address": address,
        "shipping_carrier_code": "flatrate",
        "shipping_method_code": "flatrate",
    }
    _ok(
        client.post(
            "/rest/default/V1/carts/mine/shipping-information",
            headers=shopper.headers,
            json={"addressInformation": information},
        )
    )
    return int(cart_id)


def place_order(
    client: httpx.Client, shopper: Shopper, key: str | None = None
) -> httpx.Response:
    """`POST /V1/carts/mine/payment-information` with check / money order."""
    headers = dict(shopper.headers)
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(
        "/rest/default/V1/carts/mine/payment-information",
        headers=headers,
        json={
            "paymentMethod": {"method": "checkmo"},
            "billing_address": {**MINEOLA, "email": shopper.email},
        },
    )


def _address(default: bool) -> dict[str, Any]:
    address = {k: v for k, v in MINEOLA.items() if k not in {"email", "region_code"}}
    address["region"] = {"region": "New York", "region_code": "NY", "region_id": 43}
    return {**address, "default_billing": default, "default_shipping": default}


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, (response.request.url, response.text)
    return response.json()


def write_figures(name: str, figures: dict[str, Any]) -> None:
    """Print the race figures and append them to test-artifacts/<name>.jsonl."""
    line = json.dumps({"test": name, **figures}, default=str)
    print(f"\nFIGURES {line}")
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "race-figures.jsonl").open("a") as out:
        out.write(line + "\n")


class _Recorder:
    """An aiosmtpd handler keeping every accepted message."""

    def __init__(self, sink: "SmtpSink") -> None:
        self._sink = sink

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: SmtpSession, envelope: Envelope
    ) -> str:
        if self._sink.refuse:
            return "554 Transaction failed: refused by the test"
        await asyncio.sleep(self._sink.delay_seconds)
        content = envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode()
        with self._sink.lock:
            self._sink.accepted.append(email.message_from_bytes(raw))
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server on a loopback port that can be stopped and restarted."""

    def __init__(self) -> None:
        self.port = free_port()
        self.accepted: list[email.message.Message] = []
        self.lock = threading.Lock()
        self.refuse = False
        self.delay_seconds = 0.0
        self._controller: Controller | None = None

    def start(self) -> "SmtpSink":
        self._controller = Controller(
            _Recorder(self), hostname="127.0.0.1", port=self.port
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def message_ids(self) -> Counter[str]:
        with self.lock:
            return Counter(str(m["Message-ID"]) for m in self.accepted)

    def references(self) -> Counter[str]:
        with self.lock:
            return Counter(str(m["X-Sellable-Reference"]) for m in self.accepted)


@pytest.fixture(name="smtp_sink")
def smtp_sink_fixture() -> Iterator[SmtpSink]:
    """A stopped SMTP sink; the test starts (and may stop) it."""
    sink = SmtpSink()
    yield sink
    sink.stop()

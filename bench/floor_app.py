"""The least any Python HTTP service can do here, served by uvicorn.

POST /floor/constant reads and decodes the body and answers a constant.
POST /floor/order/{skus} runs the ceiling's transaction (ceiling_order.pgbench)
through psycopg 3 and answers the order id, as sellable's place-order call
answers its order id. Plain Starlette: no validation, no dependencies, no ORM.
"""

import asyncio
import json
import os
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DATABASE_ENV = "SELLABLE_BENCH_FLOOR_DATABASE"
CONNECTIONS_ENV = "SELLABLE_BENCH_FLOOR_CONNECTIONS"
LINES = 5

# The statements of ceiling_order.pgbench, in its order, with its constants.
LOCK_STOCK = (
    "SELECT sku, quantity FROM ceiling_stock WHERE sku IN (%s, %s, %s, %s, %s)"
    " AND quantity >= 1 ORDER BY sku FOR UPDATE"
)
INSERT_ORDER = (
    "INSERT INTO ceiling_order (customer_id, grand_total) VALUES (%s, 75)"
    " RETURNING order_id"
)
INSERT_ITEMS = (
    "INSERT INTO ceiling_order_item (order_id, sku, qty, price) VALUES "
    + ", ".join(["(%s, %s, 1, 10)"] * LINES)
)
INSERT_RESERVATIONS = (
    "INSERT INTO ceiling_reservation (sku, quantity, order_id) VALUES "
    + ", ".join(["(%s, -1, %s)"] * LINES)
)

Pool = asyncio.Queue[tuple[int, psycopg.AsyncConnection]]


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    """Open this worker's connections (none when no database is named)."""
    pool: Pool = asyncio.Queue()
    url = os.environ.get(DATABASE_ENV)
    opened = int(os.environ.get(CONNECTIONS_ENV, "16")) if url else 0
    for client_id in range(opened):
        connection = await psycopg.AsyncConnection.connect(url, autocommit=True)
        pool.put_nowait((client_id, connection))
    app.state.pool = pool
    try:
        yield
    finally:
        while not pool.empty():
            await pool.get_nowait()[1].close()


async def constant(request: Request) -> Response:
    """Decode the body, as any JSON endpoint must, and answer 1."""
    json.loads(await request.body())
    return Response(b"1", media_type="application/json")


async def order(request: Request) -> Response:
    """Place one 5-line order against the ceiling's schema."""
    json.loads(await request.body())
    skus = _pick_lines(request.path_params["skus"])
    pool: Pool = request.app.state.pool
    client_id, connection = await pool.get()
    try:
        order_id = await _place_order(connection, client_id, skus)
    finally:
        pool.put_nowait((client_id, connection))
    if order_id is None:
        return Response(b'{"message": "out of stock"}', status_code=409)
    return Response(str(order_id).encode(), media_type="application/json")


async def ready(_request: Request) -> Response:
    """This worker's pid, so the driver can tell both workers answer."""
    return Response(str(os.getpid()).encode(), media_type="application/json")


def _pick_lines(skus: int) -> list[int]:
    """Line i from stripe i of the SKUs, as the pgbench script picks them."""
    stripe = skus // LINES
    return [i * stripe + random.randint(1, stripe) for i in range(LINES)]


async def _place_order(
    connection: psycopg.AsyncConnection, client_id: int, skus: list[int]
) -> int | None:
    """Lock and check the stock, write the order, items and reservations."""
    order_id = None
    async with connection.transaction():
        locked = await connection.execute(LOCK_STOCK, skus)
        if len(await locked.fetchall()) < LINES:
            raise psycopg.Rollback
        inserted = await connection.execute(INSERT_ORDER, [client_id])
        row = await inserted.fetchone()
        assert row is not None  # INSERT ... RETURNING answers one row
        order_id = int(row[0])
        await connection.execute(
            INSERT_ITEMS, [value for sku in skus for value in (order_id, sku)]
        )
        await connection.execute(
            INSERT_RESERVATIONS, [value for sku in skus for value in (sku, order_id)]
        )
    return order_id


app = Starlette(
    routes=[
        Route("/floor/constant", constant, methods=["POST"]),
        Route("/floor/order/{skus:int}", order, methods=["POST"]),
        Route("/floor/ready", ready),
    ],
    lifespan=_lifespan,
)

"""Prepare many carts in parallel processes, through sellable's services."""

import random
from multiprocessing import get_context

from bench.db import BenchDatabase
from bench.shop import HOT_SKUS, LINES, SKUS, add_customers, prepare_cart, sku
from sellable.cli.common import configure_command_logging
from sellable.kit.database import make_engine, make_session_factory, unit_of_work

CARTS_PER_TRANSACTION = 50


def spread_lines(rng: random.Random, skus: int = SKUS) -> list[str]:
    """Line i from stripe i of the SKUs, as the pgbench script picks them."""
    stripe = skus // LINES
    return [sku(i * stripe + rng.randint(1, stripe)) for i in range(LINES)]


def hot_lines(_rng: random.Random) -> list[str]:
    return [sku(n) for n in range(1, HOT_SKUS + 1)]


def prepare_carts(
    database: BenchDatabase, how_many: int, hot: bool, processes: int = 2
) -> list[str]:
    """`how_many` customers with a ready cart each; answer their tokens."""
    chunks = [
        how_many // processes + (i < how_many % processes) for i in range(processes)
    ]
    jobs = [(database.name, n, hot, seed) for seed, n in enumerate(chunks) if n]
    with get_context("spawn").Pool(len(jobs)) as pool:
        answers = pool.starmap(_prepare_chunk, jobs)
    return [token for tokens in answers for token in tokens]


def _prepare_chunk(name: str, how_many: int, hot: bool, seed: int) -> list[str]:
    configure_command_logging(serving=False)
    rng = random.Random(seed)
    pick = hot_lines if hot else spread_lines
    engine = make_engine(BenchDatabase(name).sqlalchemy_url)
    factory = make_session_factory(engine)
    tokens: list[str] = []
    try:
        for start in range(0, how_many, CARTS_PER_TRANSACTION):
            size = min(CARTS_PER_TRANSACTION, how_many - start)
            with unit_of_work(factory) as session:
                for customer_id, token in add_customers(session, size):
                    prepare_cart(session, customer_id, pick(rng))
                    tokens.append(token)
    finally:
        engine.dispose()
    return tokens

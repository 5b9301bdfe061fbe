"""A store's first documents may be numbered by many requests at once."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlalchemy.orm import Session, sessionmaker

from sellable.kit.database import unit_of_work
from sellable.sales import sequence

PARALLEL = 12


@pytest.mark.postgresql_only
def test_first_numbers_taken_in_parallel_are_all_given_and_distinct(
    session_factory: sessionmaker[Session],
) -> None:
    # A fresh process: nothing known to exist yet, as after a deploy.
    sequence._CREATED.clear()
    start = Barrier(PARALLEL)

    def take(_: int) -> str:
        start.wait()
        with unit_of_work(session_factory) as session:
            return sequence.next_increment_id(session, "invoice", 1)

    with ThreadPoolExecutor(PARALLEL) as pool:
        numbers = list(pool.map(take, range(PARALLEL)))

    assert sorted(numbers) == [f"{n:09d}" for n in range(1, PARALLEL + 1)]

"""The tutorial's inventory steps (2-5 and 13) replayed through REST."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.inventory_setup import (
    CAPTURES,
    inventory_checks,
    order_and_ship,
    replay,
    set_up_through_step_5,
    step,
    step_calls,
)
from tests.replay.rest_reader import RestStateReader
from tests.replay.state import check_state

VARIANTS = ["v2.3", "v2.4"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_sources_stocks_links_and_source_items_answer_as_the_tutorial_says(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
    variant: str,
) -> None:
    set_up_through_step_5(client, admin_headers, session_factory, variant)


@pytest.mark.parametrize("variant", VARIANTS)
def test_bulk_transfer_after_the_shipments_leaves_the_tutorial_numbers(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
    variant: str,
) -> None:
    set_up_through_step_5(client, admin_headers, session_factory, variant)
    order_and_ship(session_factory, variant)

    replay(client, admin_headers, step_calls(variant, "13"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_after_the_shipments_quantities_match_step_12_checks(
    client: TestClient,
    admin_headers: dict[str, str],
    session_factory: sessionmaker[Session],
    variant: str,
) -> None:
    set_up_through_step_5(client, admin_headers, session_factory, variant)

    order_and_ship(session_factory, variant)

    replay(client, admin_headers, inventory_checks(variant, "12"))


@pytest.mark.parametrize("variant", VARIANTS)
def test_state_after_bulk_transfer_reads_back_through_rest(
    client: TestClient,
    admin_headers: dict[str, str],
    admin_token: str,
    session_factory: sessionmaker[Session],
    variant: str,
) -> None:
    set_up_through_step_5(client, admin_headers, session_factory, variant)
    order_and_ship(session_factory, variant)
    replay(client, admin_headers, step_calls(variant, "13"))

    reader = RestStateReader(client, admin_token)
    problems = check_state(step(variant, "13")["state_after"], reader, dict(CAPTURES))

    assert not problems, "\n".join(problems)

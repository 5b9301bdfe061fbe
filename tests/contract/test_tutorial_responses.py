"""Every answer of the tutorial, and of every endpoint after it, fits Magento's schema.

The tutorial replays with a ContractRecorder on the client: each 2xx answer of
an operation Magento's admin schema declares a 200 response for is validated
against it (draft 4, `$ref`s resolved, `required` as Magento marks it), and
each 4xx answer against Magento's `error-response`. Then every GET endpoint is
called for every entity the tutorial left behind, every write endpoint the
tutorial does not call is called once (writes.py), and some calls that must be
refused are made. Every served operation with a 200 schema must have answered.
"""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from fastapi import FastAPI

from sellable.auth.service import set_tfa_secret
from sellable.kit.database import unit_of_work
from tests.contract.magento_schema import has_success_schema
from tests.contract.recorder import Allowance, AllowList, ContractRecorder
from tests.contract.routes import rest_routes
from tests.contract.sweep import Sweep
from tests.contract.writes import Writes
from tests.replay.runner import ApplySetup, TutorialReplay

STORES = {"v2.3": "us", "v2.4": "default"}
TFA_SECRET = "R5QBBXGZK4ZHPEAHX65BQPTFQPCIKS3B"

# Magento's REST serializer (Framework\Reflection\DataObjectProcessor) leaves a
# null out unless the getter is not declared nullable; those getters are exactly
# the schema's `required` fields, so Magento prints them as null. Where Magento's
# real answers carry such a null, sellable prints it too and the schema's type is
# not applied to the null. Each field is listed with the answer that shows it.
PRINTED_AS_NULL = "required by the interface, printed as null by Magento"
ALLOWED: AllowList = (
    # The tutorial's own checkout answers (devdocs orders/order-prepare-checkout,
    # both editions) show `"weee_tax_applied_amount": null` on the totals and on
    # each item, and `"weee_tax_applied": null` on each item (no FPT configured).
    Allowance("weee_tax_applied_amount", "type", f"{PRINTED_AS_NULL}: no FPT"),
    Allowance("weee_tax_applied", "type", f"{PRINTED_AS_NULL}: no FPT"),
    # Magento's GET /V1/orders/{id} answers print both as null for offline
    # payment methods (checkmo, banktransfer); sales/serializers.py says so.
    Allowance("payment.account_status", "type", f"{PRINTED_AS_NULL}: offline"),
    Allowance("payment.cc_last4", "type", f"{PRINTED_AS_NULL}: not a card"),
    # A stock item that was never below its notify quantity has no date.
    Allowance("stock_item.low_stock_date", "type", f"{PRINTED_AS_NULL}: never low"),
    # A link without a sample file or URL (the tutorial's 240-LV06 has none).
    Allowance("sample_type", "type", f"{PRINTED_AS_NULL}: no sample"),
    # Combine blocks of a rule's conditions have no operator.
    Allowance("operator", "type", f"{PRINTED_AS_NULL}: combine condition"),
    # An order status entry written without a comment (order placed, invoiced):
    # Magento's order answers show `"comment": null` in status_histories.
    Allowance("status_histories[*].comment", "type", f"{PRINTED_AS_NULL}: no text"),
    # A guest cart's customer has no name or email until the order is placed
    # (Magento's GET /V1/guest-carts/{cartId} prints all three as null).
    Allowance("customer.email", "type", f"{PRINTED_AS_NULL}: guest cart"),
    Allowance("customer.firstname", "type", f"{PRINTED_AS_NULL}: guest cart"),
    Allowance("customer.lastname", "type", f"{PRINTED_AS_NULL}: guest cart"),
)

# Magento's error-response declares `parameters` as a list of objects; Magento
# itself prints a list of strings for `%1` templates and a name -> value object
# for `%name` ones (Magento\Framework\Webapi\ErrorProcessor), as sellable does.
ERROR_ALLOWED: AllowList = (
    Allowance("parameters", "type", "a name -> value object", null_only=False),
    Allowance("parameters[*]", "type", "strings for %1 templates", null_only=False),
)


# Served operations with a 200 schema that the test cannot make answer 2xx.
NOT_EXERCISED = {
    "v2.3": {
        "GET /V1/inventory/get-latslngs-from-address": "v2.3 imports no geonames",
        "POST /V1/order/notify-orders-are-ready-for-pickup": "no pickup order in v2.3",
    },
    "v2.4": {},
}


@pytest.mark.parametrize("variant", ["v2.3", "v2.4"])
def test_tutorial_and_every_endpoint_answer_as_magento_schema_says(
    variant: str,
    app: FastAPI,
    client: Any,
    admin_password: str,
    apply_setup: ApplySetup,
) -> None:
    recorder = ContractRecorder(rest_routes(app), ALLOWED, ERROR_ALLOWED)
    recorder.attach(client)
    replay = TutorialReplay(client, variant, admin_password, apply_setup)

    replay.run()
    sweep = Sweep(replay, STORES[variant])
    writes = Writes(sweep)
    sweep.cart()
    writes.run()
    statuses = sweep.run()
    writes.revoke()
    _two_factor_sign_in(app, sweep, admin_password)

    unexercised = _never_validated(app, recorder) - set(NOT_EXERCISED[variant])
    print(recorder.summary())
    print("sweep answers other than 2xx:")
    print(
        "\n".join(
            f"  {url}: {code}" for url, code in statuses.items() if code[0] != "2"
        )
    )
    assert recorder.mismatches == [], recorder.report()
    assert unexercised == set(), (
        "served operations no call validated: add a call to tests/contract/sweep.py"
        " or writes.py (or to NOT_EXERCISED with the reason)"
    )


def _two_factor_sign_in(app: FastAPI, sweep: Sweep, admin_password: str) -> None:
    """Google Authenticator sign-in, after everything else (it changes the admin)."""
    with unit_of_work(app.state.session_factory) as session:
        set_tfa_secret(session, "admin", TFA_SECRET)
    body = {"username": "admin", "password": admin_password}
    body["otp"] = pyotp.TOTP(TFA_SECRET).now()
    sweep.send("POST", "/tfa/provider/google/authenticate", "none", body=body)


def _never_validated(app: FastAPI, recorder: ContractRecorder) -> set[str]:
    """Served operations with a 200 schema that no answer exercised."""
    served = {route.operation for route in rest_routes(app) if route.operation}
    return {
        operation.name
        for operation in served
        if has_success_schema(operation) and operation.name not in recorder.validated
    }

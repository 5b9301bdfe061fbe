"""Customer endpoints: registration, the customer's own account, admin reads."""

from typing import Annotated, Any

from fastapi import APIRouter

from sellable.auth.service import Caller
from sellable.customer import service
from sellable.customer.schemas import CustomerCreate, CustomerSave
from sellable.customer.serializers import address_dict, customer_dict
from sellable.kit.errors import required_field
from sellable.kit.search_criteria import search_result
from sellable.kit.web import (
    AnyCaller,
    Criteria,
    CustomerCaller,
    DbSession,
    Scope,
    admin_for,
)

router = APIRouter(tags=["customers"])

CustomersReader = Annotated[Caller, admin_for("Magento_Customer::customer")]
CustomersManager = Annotated[Caller, admin_for("Magento_Customer::manage")]
CustomersDeleter = Annotated[Caller, admin_for("Magento_Customer::delete")]


@router.post("/V1/customers")
def create_customer(
    caller: AnyCaller,
    session: DbSession,
    scope: Scope,
    body: CustomerCreate | None = None,
) -> dict[str, Any]:
    """Create a customer account (anyone may register; admins may set the group)."""
    if body is None:
        raise required_field("customer")
    customer = service.create_customer(
        session, body.customer, body.password, scope, by_admin=caller.is_admin
    )
    return customer_dict(customer)


@router.get("/V1/customers/me")
def get_me(caller: CustomerCaller, session: DbSession) -> dict[str, Any]:
    """The calling customer's account."""
    return customer_dict(service.get_customer(session, _id(caller)))


@router.put("/V1/customers/me")
def save_me(
    body: CustomerSave, caller: CustomerCaller, session: DbSession
) -> dict[str, Any]:
    """Update the calling customer's account and, if given, address book."""
    customer = service.update_customer(session, _id(caller), body.customer)
    return customer_dict(customer)


@router.get("/V1/customers/me/billingAddress", response_model=None)
def get_my_billing_address(
    caller: CustomerCaller, session: DbSession
) -> dict[str, Any] | None:
    """The calling customer's default billing address, or null."""
    customer = service.get_customer(session, _id(caller))
    return _default_address(session, customer.default_billing)


@router.get("/V1/customers/me/shippingAddress", response_model=None)
def get_my_shipping_address(
    caller: CustomerCaller, session: DbSession
) -> dict[str, Any] | None:
    """The calling customer's default shipping address, or null."""
    customer = service.get_customer(session, _id(caller))
    return _default_address(session, customer.default_shipping)


@router.get("/V1/customers/search")
def search_customers(
    _caller: CustomersReader, session: DbSession, criteria: Criteria
) -> dict[str, Any]:
    """Customers matching the search criteria."""
    customers, total = service.search_customers(session, criteria)
    return search_result([customer_dict(c) for c in customers], criteria, total)


@router.get("/V1/customers/addresses/{address_id}")
def get_address(
    address_id: int, _caller: CustomersReader, session: DbSession
) -> dict[str, Any]:
    """One address book entry."""
    return address_dict(service.get_address(session, address_id))


@router.get("/V1/customers/{customer_id}")
def get_customer(
    customer_id: int, _caller: CustomersReader, session: DbSession
) -> dict[str, Any]:
    """One customer account."""
    return customer_dict(service.get_customer(session, customer_id))


@router.put("/V1/customers/{customer_id}")
def save_customer(
    customer_id: int, body: CustomerSave, _caller: CustomersManager, session: DbSession
) -> dict[str, Any]:
    """Update a customer account (the group included) and, if given, its addresses."""
    customer = service.update_customer(
        session, customer_id, body.customer, by_admin=True
    )
    return customer_dict(customer)


@router.delete("/V1/customers/{customer_id}")
def delete_customer(
    customer_id: int, _caller: CustomersDeleter, session: DbSession
) -> bool:
    """Delete a customer account."""
    return service.delete_customer(session, customer_id)


def _id(caller: Caller) -> int:
    assert caller.user_id is not None, "a customer token always names the customer"
    return caller.user_id


def _default_address(
    session: DbSession, address_id: int | None
) -> dict[str, Any] | None:
    if address_id is None:
        return None
    return address_dict(service.get_address(session, address_id))

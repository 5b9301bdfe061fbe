"""Create, read, update and search customers and their address books."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sellable.customer import domain
from sellable.customer.errors import (
    AddressNotFound,
    CustomerGroupNotFound,
    CustomerNotFound,
    DuplicateEmail,
    InvalidStore,
    StoreNotInWebsite,
)
from sellable.customer.models import Customer, CustomerAddress, CustomerGroup
from sellable.customer.schemas import AddressIn, CustomerIn
from sellable.customer.serializers import address_dict
from sellable.kit.logging import get_logger
from sellable.kit.search_criteria import SearchCriteria, search
from sellable.kit.security import hash_password
from sellable.store import config
from sellable.store.models import StoreGroup, StoreView, Website
from sellable.store.scope import StoreScope, default_store

__all__ = [
    "address_dict",
    "create_customer",
    "delete_customer",
    "get_address",
    "get_customer",
    "search_customers",
    "update_customer",
]

log = get_logger(__name__)

PROFILE_FIELDS = ("firstname", "lastname", "middlename", "prefix", "suffix", "dob")
SEARCH_COLUMNS = {
    "entity_id": Customer.entity_id,
    "id": Customer.entity_id,
    "email": Customer.email,
    "firstname": Customer.firstname,
    "lastname": Customer.lastname,
    "group_id": Customer.group_id,
    "store_id": Customer.store_id,
    "website_id": Customer.website_id,
    "created_in": Customer.created_in,
    "created_at": Customer.created_at,
    "updated_at": Customer.updated_at,
    "dob": Customer.dob,
    "gender": Customer.gender,
}


def get_customer(session: Session, customer_id: int) -> Customer:
    """The customer with this id, or a 404."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise CustomerNotFound(customer_id)
    return customer


def get_address(session: Session, address_id: int) -> CustomerAddress:
    """The address book entry with this id, or a 404."""
    address = session.get(CustomerAddress, address_id)
    if address is None:
        raise AddressNotFound(address_id)
    return address


def create_customer(
    session: Session,
    data: CustomerIn,
    password: str | None,
    scope: StoreScope,
    by_admin: bool = False,
) -> Customer:
    """Create an account: self-registration, or an admin's create when `by_admin`."""
    store = _placement(session, data, scope)
    if password is not None:
        _check_password(session, password, data.email, store.store_id)
    domain.check_account(data.email, data.firstname, data.lastname)
    email = str(data.email).strip()
    _check_email_free(session, email, store.website_id)

    customer = Customer(
        email=email,
        website_id=store.website_id,
        store_id=store.store_id,
        group_id=_group_id(session, data.group_id if by_admin else None, store),
        created_in=store.name,
        password_hash=hash_password(password) if password else None,
        gender=data.gender or 0,
        **{name: getattr(data, name) for name in PROFILE_FIELDS},
    )
    session.add(customer)
    _replace_addresses(customer, data.addresses or [])
    session.flush()
    _set_default_addresses(customer, data.addresses or [])
    session.flush()

    log.info("customer_created", customer_id=customer.entity_id, by_admin=by_admin)
    return customer


def update_customer(
    session: Session, customer_id: int, data: CustomerIn, by_admin: bool = False
) -> Customer:
    """Change the given fields; a given `addresses` list replaces the address book."""
    customer = get_customer(session, customer_id)
    given = data.model_fields_set
    merged = {name: getattr(data, name) for name in given if name in PROFILE_FIELDS}
    email = (
        str(data.email).strip() if "email" in given and data.email else customer.email
    )
    domain.check_account(
        email,
        merged.get("firstname", customer.firstname),
        merged.get("lastname", customer.lastname),
    )
    if email.lower() != customer.email.lower():
        _check_email_free(session, email, customer.website_id, customer.entity_id)

    customer.email = email
    for name, value in merged.items():
        setattr(customer, name, value)
    if "gender" in given:
        customer.gender = data.gender or 0
    if by_admin and data.group_id is not None:
        customer.group_id = _group_id(session, data.group_id, None)
    if data.addresses is not None:
        _replace_addresses(customer, data.addresses)
        session.flush()
        _set_default_addresses(customer, data.addresses)
    session.flush()

    log.info("customer_updated", customer_id=customer_id)
    return customer


def delete_customer(session: Session, customer_id: int) -> bool:
    """Delete a customer and their address book."""
    session.delete(get_customer(session, customer_id))
    session.flush()
    log.info("customer_deleted", customer_id=customer_id)
    return True


def search_customers(
    session: Session, criteria: SearchCriteria
) -> tuple[list[Customer], int]:
    """Customers matching Magento search criteria, and how many match in all."""
    stmt = select(Customer)
    return search(session, stmt, criteria, SEARCH_COLUMNS, Customer.entity_id)


def _placement(session: Session, data: CustomerIn, scope: StoreScope) -> StoreView:
    """The store view from the body's store/website ids, else from the URL."""
    if data.store_id:
        store = session.get(StoreView, data.store_id)
        if store is None:
            raise InvalidStore("storeId", data.store_id)
        if data.website_id and data.website_id != store.website_id:
            raise StoreNotInWebsite()
        return store
    if data.website_id:
        return _website_default_store(session, data.website_id)
    if scope.is_admin:
        return _store_view(session, default_store(session).store_id)
    return _store_view(session, scope.store_id)


def _website_default_store(session: Session, website_id: int) -> StoreView:
    website = session.get(Website, website_id)
    if website is None or website_id == 0:
        raise InvalidStore("websiteId", website_id)
    group = session.get(StoreGroup, website.default_group_id)
    store = session.get(StoreView, group.default_store_id) if group else None
    if store is None:
        raise InvalidStore("websiteId", website_id)
    return store


def _store_view(session: Session, store_id: int) -> StoreView:
    store = session.get(StoreView, store_id)
    if store is None:
        raise InvalidStore("storeId", store_id)
    return store


def _check_password(
    session: Session, password: str, email: str | None, store_id: int
) -> None:
    min_length = config.get_value(
        session, "customer/password/minimum_password_length", store_id
    )
    classes = config.get_value(
        session, "customer/password/required_character_classes_number", store_id
    )
    domain.check_password(
        password,
        email,
        int(min_length or domain.MIN_PASSWORD_LENGTH),
        int(classes or domain.REQUIRED_CHARACTER_CLASSES),
    )


def _check_email_free(
    session: Session, email: str, website_id: int, customer_id: int | None = None
) -> None:
    stmt = select(Customer.entity_id).where(
        func.lower(Customer.email) == email.lower(), Customer.website_id == website_id
    )
    if customer_id is not None:
        stmt = stmt.where(Customer.entity_id != customer_id)
    if session.scalar(stmt.limit(1)) is not None:
        raise DuplicateEmail()


def _group_id(session: Session, group_id: int | None, store: StoreView | None) -> int:
    if group_id is None:
        configured = config.get_value(
            session,
            "customer/create_account/default_group",
            store.store_id if store else None,
        )
        return int(configured or 1)
    if session.get(CustomerGroup, group_id) is None:
        raise CustomerGroupNotFound(group_id)
    return group_id


def _replace_addresses(customer: Customer, given: list[AddressIn]) -> None:
    """Make the address book hold exactly the given entries (matched by id)."""
    existing = {address.entity_id: address for address in customer.addresses}
    kept: list[CustomerAddress] = []
    for entry in given:
        values = _address_values(entry)
        domain.check_address(values)
        address = existing.get(entry.id) if entry.id else None
        if address is None:
            address = CustomerAddress()
        for name, value in values.items():
            setattr(address, name, value)
        kept.append(address)
    customer.addresses = kept


def _address_values(entry: AddressIn) -> dict[str, object]:
    region = entry.region
    region_id = entry.region_id or (region.region_id if region else None)
    return {
        "firstname": entry.firstname,
        "lastname": entry.lastname,
        "company": entry.company,
        "street": [line for line in entry.street or [] if line is not None],
        "city": entry.city,
        "region": region.region if region else None,
        "region_code": region.region_code if region else None,
        "region_id": region_id or None,
        "postcode": entry.postcode,
        "country_id": (entry.country_id or "").upper(),
        "telephone": entry.telephone,
    }


def _set_default_addresses(customer: Customer, given: list[AddressIn]) -> None:
    """Point the customer's defaults at the flagged entries.

    With no entry flagged, a default stays if its address is still in the book.
    """
    kept = {address.entity_id for address in customer.addresses}
    billing = customer.default_billing if customer.default_billing in kept else None
    shipping = customer.default_shipping if customer.default_shipping in kept else None
    for address, entry in zip(customer.addresses, given, strict=True):
        if entry.default_billing:
            billing = address.entity_id
        if entry.default_shipping:
            shipping = address.entity_id
    customer.default_billing = billing
    customer.default_shipping = shipping

"""Customers and addresses as Magento JSON (null fields left out, as Magento does)."""

from datetime import UTC, datetime
from typing import Any

from sellable.customer.models import Customer, CustomerAddress


def magento_datetime(moment: datetime | None) -> str | None:
    """Magento's `Y-m-d H:i:s` in UTC."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def customer_dict(customer: Customer) -> dict[str, Any]:
    """The customer-data-customer-interface shape."""
    body: dict[str, Any] = {
        "id": customer.entity_id,
        "group_id": customer.group_id,
        "default_billing": _id_string(customer.default_billing),
        "default_shipping": _id_string(customer.default_shipping),
        "created_at": magento_datetime(customer.created_at),
        "updated_at": magento_datetime(customer.updated_at),
        "created_in": customer.created_in,
        "dob": customer.dob,
        "email": customer.email,
        "firstname": customer.firstname,
        "lastname": customer.lastname,
        "middlename": customer.middlename,
        "prefix": customer.prefix,
        "suffix": customer.suffix,
        "gender": customer.gender or None,
        "store_id": customer.store_id,
        "website_id": customer.website_id,
        "addresses": [address_dict(address) for address in customer.addresses],
        "disable_auto_group_change": 0,
        "extension_attributes": {"is_subscribed": False},
    }
    return {key: value for key, value in body.items() if value is not None}


def address_dict(address: CustomerAddress) -> dict[str, Any]:
    """The customer-data-address-interface shape, with the default flags."""
    customer = address.customer
    body: dict[str, Any] = {
        "id": address.entity_id,
        "customer_id": address.parent_id,
        "region": {
            "region_code": address.region_code,
            "region": address.region,
            "region_id": address.region_id or 0,
        },
        "region_id": address.region_id or 0,
        "country_id": address.country_id,
        "street": list(address.street or []),
        "company": address.company,
        "telephone": address.telephone,
        "postcode": address.postcode,
        "city": address.city,
        "firstname": address.firstname,
        "lastname": address.lastname,
    }
    if customer is not None and customer.default_shipping == address.entity_id:
        body["default_shipping"] = True
    if customer is not None and customer.default_billing == address.entity_id:
        body["default_billing"] = True
    return {key: value for key, value in body.items() if value is not None}


def _id_string(address_id: int | None) -> str | None:
    return str(address_id) if address_id is not None else None

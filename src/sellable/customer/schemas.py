"""Customer request bodies; snake_case and Magento's camelCase keys both work."""

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic.alias_generators import to_camel


class MagentoInput(BaseModel):
    """Magento's webapi accepts `region_id` and `regionId` alike."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        coerce_numbers_to_str=True,
        extra="ignore",
    )


class RegionIn(MagentoInput):
    region_code: str | None = None
    region: str | None = None
    region_id: int | None = None


class AddressIn(MagentoInput):
    id: int | None = None
    customer_id: int | None = None
    region: RegionIn | None = None
    region_id: int | None = None
    country_id: str | None = None
    street: list[str] | None = None
    company: str | None = None
    telephone: str | None = None
    postcode: str | None = None
    city: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    default_shipping: bool | None = None
    default_billing: bool | None = None

    @field_validator("street", mode="before")
    @classmethod
    def _street_lines(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class CustomerIn(MagentoInput):
    id: int | None = None
    group_id: int | None = None
    email: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    middlename: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    dob: str | None = None
    gender: int | None = None
    store_id: int | None = None
    website_id: int | None = None
    addresses: list[AddressIn] | None = None


class CustomerCreate(MagentoInput):
    """`POST /V1/customers`: the customer, and optionally a password."""

    customer: CustomerIn
    password: str | None = None
    redirect_url: str | None = None


class CustomerSave(MagentoInput):
    """`PUT /V1/customers/me` and `/V1/customers/{id}`."""

    customer: CustomerIn

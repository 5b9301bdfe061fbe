"""Request bodies of the cart and checkout endpoints (Magento field names)."""

from decimal import Decimal
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class CartItemIn(Body):
    sku: str | None = None
    qty: Decimal
    quote_id: str | int | None = None
    product_option: dict[str, Any] | None = None


class CartItemBody(Body):
    cart_item: CartItemIn = Field(alias="cartItem")


class AddressExtension(Body):
    pickup_location_code: str | None = None


class AddressIn(Body):
    """quoteDataAddressInterface; `id` alone names a customer address."""

    id: int | None = None
    customer_address_id: int | None = None
    email: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    company: str | None = None
    street: list[str] | None = None
    city: str | None = None
    region: str | None = None
    region_id: int | None = None
    region_code: str | None = None
    postcode: str | None = None
    country_id: str | None = None
    telephone: str | None = None
    same_as_billing: int | None = None
    extension_attributes: AddressExtension | None = None

    @property
    def pickup_location_code(self) -> str | None:
        ext = self.extension_attributes
        return ext.pickup_location_code if ext else None

    @property
    def is_reference(self) -> bool:
        """Only an address-book id was sent (`{"id": 2}`)."""
        given = self.model_dump(
            exclude_none=True, exclude={"id", "customer_address_id"}
        )
        return bool(self.id or self.customer_address_id) and not given


class EstimateBody(Body):
    address: AddressIn


class ShippingInformation(Body):
    shipping_address: AddressIn
    billing_address: AddressIn | None = None
    shipping_carrier_code: str
    shipping_method_code: str


class ShippingInformationBody(Body):
    address_information: ShippingInformation = Field(alias="addressInformation")


class BillingAddressBody(Body):
    address: AddressIn


class PaymentIn(Body):
    method: str
    po_number: str | None = None
    additional_data: list[Any] | None = None


class PaymentInformationBody(Body):
    """Magento reads the billing address under either spelling."""

    payment_method: PaymentIn = Field(alias="paymentMethod")
    billing_address: AddressIn | None = Field(
        default=None, validation_alias=AliasChoices("billing_address", "billingAddress")
    )
    email: str | None = None


class GuestPaymentInformationBody(Body):
    """Magento names the guest's billing address `billingAddress`."""

    payment_method: PaymentIn = Field(alias="paymentMethod")
    billing_address: AddressIn | None = Field(
        default=None, validation_alias=AliasChoices("billingAddress", "billing_address")
    )
    email: str | None = None

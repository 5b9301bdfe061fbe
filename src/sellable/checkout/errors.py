"""Checkout failures, worded as Magento words them."""

from sellable.kit.errors import InputError, NotFound


class NoSuchEntity(NotFound):
    template = "No such entity with %fieldName = %fieldValue"

    def __init__(self, field: str, value: object) -> None:
        super().__init__(parameters={"fieldName": field, "fieldValue": str(value)})


class CartItemNotFound(NotFound):
    template = "The %1 Cart doesn't contain the %2 item."


class ProductNotFound(NotFound):
    template = (
        "The product that was requested doesn't exist. "
        "Verify the product and try again."
    )


class ProductNotAvailable(InputError):
    template = "Product that you are trying to add is not available."


class QtyNotAvailable(InputError):
    template = "The requested qty is not available"


class QtyRefused(InputError):
    """A salability rule refused the quantity; its message is the template."""


class InvalidQty(InputError):
    template = 'Invalid value of "%value" provided for the %fieldName field.'

    def __init__(self, value: object) -> None:
        super().__init__(parameters={"value": str(value), "fieldName": "qty"})


class LinksRequired(InputError):
    template = "Please specify product link(s)."


class EmptyCart(InputError):
    template = (
        "The shipping method can't be set for an empty cart. "
        "Add an item to cart and try again."
    )


class NoItemsToOrder(InputError):
    template = "A cart must contain at least one product to place an order."


class VirtualCartShipping(NotFound):
    template = (
        "Cart contains virtual product(s) only. Shipping address is not applicable."
    )


class ShippingAddressMissing(InputError):
    template = "The shipping address is missing. Set the address and try again."


class BillingAddressMissing(InputError):
    template = "The billing address is missing. Set the address and try again."


class CarrierNotFound(InputError):
    template = "Carrier with such method not found: %1, %2"


class ShippingMethodMissing(InputError):
    template = (
        "The shipping method is missing. Select the shipping method and try again."
    )


class PickupLocationRequired(InputError):
    template = (
        "Pickup Location code is required for the In-Store Pickup delivery method."
    )


class PickupLocationUnavailable(InputError):
    template = 'The pickup location "%1" is not available for the products in the cart.'


class PaymentMethodNotAvailable(InputError):
    template = "The requested Payment Method is not available."


class PurchaseOrderNumberRequired(InputError):
    template = "Purchase order number is a required field."


class StockNotAssigned(InputError):
    template = "No stock is assigned to the website %1."

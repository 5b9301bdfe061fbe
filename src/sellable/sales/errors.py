"""Sales failures, worded as Magento words them."""

from sellable.kit.errors import InputError, NotFound, StateConflict


class OrderNotFound(NotFound):
    template = (
        "The entity that was requested doesn't exist. Verify the entity and try again."
    )


class InvoiceNotFound(NotFound):
    template = (
        "The entity that was requested doesn't exist. Verify the entity and try again."
    )


class ShipmentNotFound(NotFound):
    template = (
        "The entity that was requested doesn't exist. Verify the entity and try again."
    )


class DocumentValidationFailed(InputError):
    """Magento joins every reason into one message under a heading."""

    heading = "Document Validation Error(s):"

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("\n".join([self.heading, *reasons]))


class InvoiceValidationFailed(DocumentValidationFailed):
    heading = "Invoice Document Validation Error(s):"


class ShipmentValidationFailed(DocumentValidationFailed):
    heading = "Shipment Document Validation Error(s):"


class SourceNotSpecified(InputError):
    template = "Source not specified."


class ShipmentSourceNotFound(InputError):
    template = 'Source with code "%1" does not exist.'


class SourceNotLinkedToStock(InputError):
    template = 'Source "%1" is not assigned to stock %2.'


class CannotCancel(StateConflict):
    template = "You cannot cancel this order."


class CannotHold(StateConflict):
    template = "A hold action is not available."


class CannotUnhold(StateConflict):
    template = "You cannot remove the hold."


class NotReadyForPickup(StateConflict):
    template = "Your order is not ready for pickup."


class NotEnoughForVirtualItems(InputError):
    template = "Not all of your products are available in the requested quantity."


class CreditMemoNotFound(NotFound):
    template = (
        "The entity that was requested doesn't exist. Verify the entity and try again."
    )


class CreditMemoValidationFailed(DocumentValidationFailed):
    heading = "Creditmemo Document Validation Error(s):"


class RefundExceedsPaid(InputError):
    template = "The most money available to refund is %1."


class ShippingRefundTooLarge(InputError):
    template = "Maximum shipping amount allowed to refund is: %1"


class InvoiceCannotBeRefunded(InputError):
    template = "We can't create creditmemo for the invoice."

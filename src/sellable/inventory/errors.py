"""Inventory failures."""

from decimal import Decimal

from sellable.kit.errors import InputError, NotFound, SellableError


class InsufficientSalableQuantity(SellableError):
    """Not enough salable quantity for one or more SKUs; carries the shortfall."""

    status_code = 400
    template = "Not all of your products are available in the requested quantity."

    def __init__(self, available: dict[str, Decimal]) -> None:
        self.available = available
        super().__init__()


class SourceNotFound(NotFound):
    template = 'Source with code "%1" does not exist.'


class StockNotFound(NotFound):
    template = 'Stock with id "%value" does not exist.'


class ProductSkuNotFound(NotFound):
    template = "The product that was requested doesn't exist. Verify the product and try again."


class ValidationFailed(InputError):
    template = "Validation Failed"

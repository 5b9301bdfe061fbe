"""Inventory failures, with Magento's messages."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sellable.kit.errors import InputError, NotFound, SellableError

Problem = tuple[str, dict[str, Any]]


class InsufficientSalableQuantity(SellableError):
    """One or more SKUs cannot be sold as asked; carries what is left per SKU.

    `reasons` are the salability rules' errors (one per SKU), rendered as
    Magento-style `errors` entries under the headline.
    """

    status_code = 400
    template = "Not all of your products are available in the requested quantity."

    def __init__(
        self, available: dict[str, Decimal], reasons: Sequence[Any] = ()
    ) -> None:
        self.available = available
        errors = [SellableError(r.template, list(r.parameters)) for r in reasons]
        super().__init__(errors=errors)


class SourceNotFound(NotFound):
    template = 'Source with code "%value" does not exist.'

    def __init__(self, source_code: str) -> None:
        super().__init__(parameters={"value": source_code})


class StockNotFound(NotFound):
    template = 'Stock with id "%value" does not exist.'


class StockToDeleteNotFound(NotFound):
    template = (
        'There is no stock with "%fieldValue" for "%fieldName". Verify and try again.'
    )

    def __init__(self, stock_id: int) -> None:
        super().__init__(parameters={"fieldName": "stock_id", "fieldValue": stock_id})


class NoLinkedStock(NotFound):
    template = "No linked stock found"


class ProductSkuNotFound(NotFound):
    template = (
        "The product that was requested doesn't exist. "
        "Verify the product and try again."
    )


class ProductsNotFound(InputError):
    template = "Following products with requested skus were not found: %1"

    def __init__(self, skus: list[str]) -> None:
        super().__init__(parameters=[", ".join(skus)])


class NoSourceItemsSupport(InputError):
    template = (
        "Can't check requested quantity for products without Source Items support."
    )


class InputDataEmpty(InputError):
    template = "Input data is empty"


class StockNotDeletable(InputError):
    """The Default Stock, or a stock still serving a sales channel."""


class ValidationFailed(InputError):
    """Magento's ValidationException: a headline and one entry per problem."""

    template = "Validation Failed"

    def __init__(
        self,
        problems: list[Problem],
        template: str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        errors: list[SellableError] = [
            InputError(text, params or None) for text, params in problems
        ]
        super().__init__(template=template, parameters=parameters, errors=errors)


def validation_failed(problems: list[Problem], headline: str | None = None) -> None:
    """Raise when there are problems; do nothing otherwise."""
    if problems:
        raise ValidationFailed(problems, headline)


def first_problem_failed(problems: list[Problem]) -> None:
    """Magento's source item style: the first problem is part of the headline."""
    if problems:
        text, params = problems[0]
        raise ValidationFailed(problems, "Validation Failed: " + text, params)

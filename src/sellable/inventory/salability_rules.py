"""Magento's salability verdicts in plain Python: quantity, yes/no, and why not."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sellable.inventory.domain import (
    ZERO,
    SourceQuantity,
    physical_quantity,
    salable_quantity,
)

NOT_ENOUGH = "is_salable_with_reservations-not_enough_qty"


@dataclass(frozen=True)
class StockOptions:
    """A product's stock configuration, config defaults applied."""

    managed: bool = True
    min_qty: Decimal = ZERO
    backorders: bool = False
    min_sale_qty: Decimal = Decimal(1)
    max_sale_qty: Decimal = Decimal(10000)
    qty_increments: Decimal = ZERO
    is_qty_decimal: bool = False


@dataclass(frozen=True)
class SalabilityError:
    code: str
    message: str


def number(value: Decimal) -> str:
    """A quantity as Magento prints it in messages: 1, 2.5."""
    text = f"{value.normalize():f}"
    return text


def any_in_stock(rows: Sequence[SourceQuantity]) -> bool:
    return any(row.in_stock and row.source_enabled for row in rows)


def qty_left(
    rows: Sequence[SourceQuantity], reserved: Decimal, options: StockOptions
) -> Decimal:
    return salable_quantity(physical_quantity(rows), reserved, options.min_qty)


def product_salable_qty(
    rows: Sequence[SourceQuantity], reserved: Decimal, options: StockOptions
) -> Decimal:
    """What get-product-salable-quantity answers: 0 when the stock cannot sell it."""
    if not any(row.source_enabled for row in rows):
        return ZERO
    left = qty_left(rows, reserved, options)
    sellable_anyway = options.backorders or not options.managed
    if not any_in_stock(rows) or (left <= ZERO and not sellable_anyway):
        return ZERO
    return left


def is_salable(
    rows: Sequence[SourceQuantity], reserved: Decimal, options: StockOptions
) -> bool:
    """Magento's is-product-salable: in stock somewhere, and units left."""
    if not options.managed:
        return True
    if not any_in_stock(rows):
        return False
    return options.backorders or qty_left(rows, reserved, options) > ZERO


def quantity_rule_errors(
    options: StockOptions, requested: Decimal
) -> list[SalabilityError]:
    """The cart quantity rules; Magento reports only the first one broken."""
    if options.min_sale_qty and requested < options.min_sale_qty:
        message = f"The fewest you may purchase is {number(options.min_sale_qty)}."
        return [SalabilityError("is_correct_qty-min_sale_qty", message)]
    if options.max_sale_qty and requested > options.max_sale_qty:
        message = "The requested qty exceeds the maximum qty allowed in shopping cart"
        return [SalabilityError("is_correct_qty-max_sale_qty", message)]
    if options.qty_increments and requested % options.qty_increments != ZERO:
        increments = number(options.qty_increments)
        message = (
            f"You can buy this product only in quantities of {increments} at a time."
        )
        return [SalabilityError("is_correct_qty-qty_increment", message)]
    if not options.is_qty_decimal and requested != requested.to_integral_value():
        message = "You cannot use decimal quantity for this product."
        return [SalabilityError("is_correct_qty-is_qty_decimal", message)]
    return []


def requested_qty_errors(
    rows: Sequence[SourceQuantity],
    reserved: Decimal,
    options: StockOptions,
    requested: Decimal,
    with_cart_rules: bool = True,
) -> list[SalabilityError]:
    """Why the requested quantity cannot be sold; empty when it can.

    With cart rules this is Magento's add-to-cart chain (the single-SKU
    endpoint); without, its place-order chain (the batch endpoint).
    """
    if with_cart_rules:
        required = quantity_rule_errors(options, requested)
        if options.managed and not any_in_stock(rows):
            message = "There are no source items with the in stock status"
            code = "is_any_source_item_in_stock-no_source_items_in_stock"
            required.append(SalabilityError(code, message))
        if required:
            return required
    if options.backorders or not options.managed:
        return []
    if not rows:
        reason = SalabilityError(
            "is_salable_with_reservations-no_data",
            "The requested sku is not assigned to given stock",
        )
    elif qty_left(rows, reserved, options) >= requested:
        return []
    else:
        reason = SalabilityError(NOT_ENOUGH, "Not enough items for sale")
    return [
        SalabilityError("back_order-disabled", "Backorders are disabled"),
        SalabilityError("manage_stock-enabled", "Manage stock is enabled"),
        reason,
    ]

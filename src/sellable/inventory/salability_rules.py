"""Magento's salability verdicts in plain Python: quantity, yes/no, and why not.

One rule set answers the salability endpoints, the cart (customer and guest)
and order placement, so all three refuse the same requests with the same
codes and messages.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sellable.inventory.domain import ZERO, SourceQuantity

NOT_ENOUGH = "is_salable_with_reservations-not_enough_qty"
NO_DATA = "is_salable_with_reservations-no_data"
NOT_ENOUGH_TEXT = "The requested qty is not available"
NO_DATA_TEXT = "The requested sku is not assigned to given stock"
BACKORDERS_NONE, BACKORDERS_ALLOW, BACKORDERS_NOTIFY = 0, 1, 2


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
    notify_backorders: bool = False

    @property
    def threshold(self) -> Decimal:
        """The out-of-stock threshold; below zero only with backorders."""
        return self.min_qty if self.backorders else max(self.min_qty, ZERO)

    @property
    def unlimited(self) -> bool:
        """Unmanaged, or backorders without a negative threshold to cap them."""
        return not self.managed or (self.backorders and self.min_qty >= ZERO)


@dataclass(frozen=True)
class StockPicture:
    """What one SKU looks like in one stock: rows, holds, options, status."""

    rows: Sequence[SourceQuantity]
    reserved: Decimal
    options: StockOptions
    enabled: bool = True


@dataclass(frozen=True)
class SalabilityError:
    """A Magento salability error; a notice (not blocking) still sells."""

    code: str
    template: str
    parameters: tuple[str, ...] = ()
    blocking: bool = True

    @property
    def message(self) -> str:
        text = self.template
        for index in reversed(range(len(self.parameters))):
            text = text.replace(f"%{index + 1}", self.parameters[index])
        return text


def number(value: Decimal) -> str:
    """A quantity as Magento prints it in messages: 1, 2.5."""
    return f"{value.normalize():f}"


def any_in_stock(rows: Sequence[SourceQuantity]) -> bool:
    return any(row.in_stock and row.source_enabled for row in rows)


def stock_quantity(rows: Sequence[SourceQuantity], options: StockOptions) -> Decimal:
    """In-stock rows at enabled sources.

    Without backorders a negative row counts 0 and never cancels another
    source's stock; with backorders it is units already owed to customers
    and counts against the backorder allowance.
    """
    counted = [row.quantity for row in rows if row.in_stock and row.source_enabled]
    if options.backorders:
        return sum(counted, ZERO)
    return sum((max(qty, ZERO) for qty in counted), ZERO)


def qty_left(
    rows: Sequence[SourceQuantity], reserved: Decimal, options: StockOptions
) -> Decimal:
    """Stock plus the (negative) holds, minus the threshold; may be negative."""
    return stock_quantity(rows, options) + reserved - options.threshold


def product_salable_qty(
    rows: Sequence[SourceQuantity], reserved: Decimal, options: StockOptions
) -> Decimal:
    """What get-product-salable-quantity answers: 0 when the stock cannot sell it."""
    if not any(row.source_enabled for row in rows):
        return ZERO
    left = qty_left(rows, reserved, options)
    if not any_in_stock(rows) or (left <= ZERO and not options.unlimited):
        return ZERO
    return left


def is_salable(
    rows: Sequence[SourceQuantity],
    reserved: Decimal,
    options: StockOptions,
    enabled: bool = True,
) -> bool:
    """Magento's is-product-salable: enabled, in stock somewhere, units left."""
    if not enabled:
        return False
    if not options.managed:
        return True
    if not any_in_stock(rows):
        return False
    return options.unlimited or qty_left(rows, reserved, options) > ZERO


def quantity_rule_errors(
    options: StockOptions, requested: Decimal
) -> list[SalabilityError]:
    """The cart quantity rules; Magento reports only the first one broken."""
    if options.min_sale_qty and requested < options.min_sale_qty:
        return [
            SalabilityError(
                "is_correct_qty-min_sale_qty",
                "The fewest you may purchase is %1.",
                (number(options.min_sale_qty),),
            )
        ]
    if options.max_sale_qty and requested > options.max_sale_qty:
        return [
            SalabilityError(
                "is_correct_qty-max_sale_qty",
                "The requested qty exceeds the maximum qty allowed in shopping cart",
            )
        ]
    if options.qty_increments and requested % options.qty_increments != ZERO:
        return [
            SalabilityError(
                "is_correct_qty-qty_increment",
                "You can buy this product only in quantities of %1 at a time.",
                (number(options.qty_increments),),
            )
        ]
    if not options.is_qty_decimal and requested != requested.to_integral_value():
        return [
            SalabilityError(
                "is_correct_qty-is_qty_decimal",
                "You cannot use decimal quantity for this product.",
            )
        ]
    return []


def _required_errors(
    picture: StockPicture, requested: Decimal
) -> list[SalabilityError]:
    """Conditions that fail the request whatever the stock holds."""
    found: list[SalabilityError] = []
    if not picture.enabled:
        found.append(
            SalabilityError(
                "is_product_salable-disabled",
                "Product that you are trying to add is not available.",
            )
        )
    found += quantity_rule_errors(picture.options, requested)
    if picture.options.managed and not any_in_stock(picture.rows):
        found.append(
            SalabilityError(
                "is_any_source_item_in_stock-no_source_items_in_stock",
                "There are no source items with the in stock status",
            )
        )
    return found


def _stock_errors(picture: StockPicture, requested: Decimal) -> list[SalabilityError]:
    """Magento's sufficient conditions: all must fail for the request to fail."""
    options = picture.options
    if options.unlimited:
        return []
    if not picture.rows:
        reason = SalabilityError(NO_DATA, NO_DATA_TEXT)
    elif qty_left(picture.rows, picture.reserved, options) >= requested:
        return []
    else:
        reason = SalabilityError(NOT_ENOUGH, NOT_ENOUGH_TEXT)
    found = []
    if not options.backorders:
        found.append(SalabilityError("back_order-disabled", "Backorders are disabled"))
    found.append(SalabilityError("manage_stock-enabled", "Manage stock is enabled"))
    return [*found, reason]


def backorder_notice(
    picture: StockPicture, requested: Decimal
) -> SalabilityError | None:
    """Backorders with customer notification: how much of the request waits."""
    options = picture.options
    if not (options.managed and options.backorders and options.notify_backorders):
        return None
    floor = max(options.threshold, ZERO)
    on_hand = stock_quantity(picture.rows, options) + picture.reserved - floor
    waiting = requested - max(on_hand, ZERO)
    if waiting <= ZERO:
        return None
    return SalabilityError(
        "back_order-not-enough",
        "We don't have as many quantity as you requested, "
        "but we'll back order the remaining %1.",
        (number(waiting),),
        blocking=False,
    )


def request_errors(
    picture: StockPicture, requested: Decimal, with_cart_rules: bool = True
) -> list[SalabilityError]:
    """Why the requested quantity cannot be sold; empty (or notices) when it can.

    With cart rules this is Magento's add-to-cart chain (the single-SKU
    endpoint, the cart and placement); without, its batch chain.
    """
    if with_cart_rules:
        required = _required_errors(picture, requested)
        if required:
            return required
    found = _stock_errors(picture, requested)
    notice = backorder_notice(picture, requested) if not found else None
    return found if notice is None else [notice]


def requested_qty_errors(
    rows: Sequence[SourceQuantity],
    reserved: Decimal,
    options: StockOptions,
    requested: Decimal,
    with_cart_rules: bool = True,
) -> list[SalabilityError]:
    """`request_errors` for an enabled product given as its parts."""
    return request_errors(
        StockPicture(rows, reserved, options), requested, with_cart_rules
    )


def blocking(errors: Sequence[SalabilityError]) -> list[SalabilityError]:
    return [error for error in errors if error.blocking]


def headline(errors: Sequence[SalabilityError]) -> SalabilityError:
    """The error a shopper is shown: the rule broken, else the stock's reason."""
    stopping = blocking(errors)
    context = ("back_order-disabled", "manage_stock-enabled")
    return next((e for e in stopping if e.code not in context), stopping[0])

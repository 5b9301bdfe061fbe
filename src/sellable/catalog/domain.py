"""Product rules that need no database: types, required fields, prices, links."""

from decimal import Decimal

from sellable.catalog.errors import InvalidProduct

PRODUCT_TYPES = ("simple", "virtual", "downloadable")
LINK_TYPES = ("url", "file")
EMPTY_ATTRIBUTE = 'The "%1" attribute value is empty. Set the attribute and try again.'
NOT_NEGATIVE = "Please enter a number 0 or greater in this field."


def check_type(type_id: str) -> None:
    """Only the types sellable sells; Magento's others are refused."""
    if type_id not in PRODUCT_TYPES:
        raise InvalidProduct(
            'The product type "%1" isn\'t supported. Use one of: %2.',
            [type_id, ", ".join(PRODUCT_TYPES)],
        )


def check_required(sku: str | None, name: str | None, price: Decimal | None) -> None:
    """Magento's required attributes, labelled as its admin labels them."""
    if not (sku or "").strip():
        raise InvalidProduct(EMPTY_ATTRIBUTE, ["sku"])
    if not (name or "").strip():
        raise InvalidProduct(EMPTY_ATTRIBUTE, ["Product Name"])
    if price is None:
        raise InvalidProduct(EMPTY_ATTRIBUTE, ["Price"])


def check_not_negative(value: Decimal | None) -> None:
    """Price and weight backends refuse negative numbers."""
    if value is not None and value < 0:
        raise InvalidProduct(NOT_NEGATIVE)


def check_sku_length(sku: str, limit: int = 64) -> None:
    if len(sku) > limit:
        raise InvalidProduct("SKU length should be %1 characters maximum.", [limit])


def check_link(
    price: Decimal,
    number_of_downloads: int,
    sort_order: int,
    link_type: str,
    link_url: str | None,
    link_file: str | None,
) -> None:
    """Magento's downloadable link content validator, for url and file links."""
    if price < 0:
        raise InvalidProduct("Link price must have numeric positive value.")
    if number_of_downloads < 0:
        raise InvalidProduct("Number of downloads must be a positive integer.")
    if sort_order < 0:
        raise InvalidProduct("Sort order must be a positive integer.")
    if link_type not in LINK_TYPES:
        raise InvalidProduct("Invalid link type.")
    if link_type == "url" and not _is_url(link_url):
        raise InvalidProduct("Link URL must have valid format.")
    if link_type == "file" and not link_file:
        raise InvalidProduct("Link file not found. Please try again.")


def _is_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("http://", "https://"))


def initial_source_status(is_in_stock: bool | None, qty: Decimal) -> int:
    """In stock when said so; when not said, in stock if there is quantity."""
    if is_in_stock is None:
        return 1 if qty > 0 else 0
    return 1 if is_in_stock else 0


BACKORDER_MODES = (0, 1, 2)
INVALID_VALUE = 'Invalid value of "%value" provided for the %fieldName field.'


def check_stock_options(backorders: int | None, qty_increments: Decimal | None) -> None:
    """Backorders are 0 (none), 1 (allow) or 2 (allow and notify); steps are > 0."""
    if backorders is not None and backorders not in BACKORDER_MODES:
        raise InvalidProduct(
            INVALID_VALUE, {"value": backorders, "fieldName": "backorders"}
        )
    if qty_increments is not None and qty_increments <= 0:
        raise InvalidProduct(
            INVALID_VALUE, {"value": qty_increments, "fieldName": "qty_increments"}
        )

"""REST routes answering whether, and how much of, a product can be sold."""

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from sellable.inventory import salable_checks
from sellable.inventory.salability_rules import SalabilityError, blocking
from sellable.inventory.serializers import number
from sellable.kit.errors import InputError, required_field
from sellable.kit.web import DbSession, admin_for

router = APIRouter(tags=["inventory/salability"])
SALES = [admin_for("Magento_InventorySalesApi::stock")]
StockId = Annotated[int, Path(alias="stockId", ge=0, lt=2**31)]
StockIdQuery = Annotated[int, Query(alias="stockId", ge=0, lt=2**31)]
_SKUS = re.compile(r"^skus(\[\d*\])?$")
_REQUEST = re.compile(r"^skuRequests\[(\d+)\]\[(sku|qty)\]$")


def _errors(found: list[SalabilityError]) -> list[dict[str, str]]:
    return [{"code": error.code, "message": error.message} for error in found]


@router.get(
    "/V1/inventory/get-product-salable-quantity/{sku:path}/{stockId}",
    response_model=None,
    dependencies=SALES,
)
def salable_quantity(session: DbSession, sku: str, stock_id: StockId) -> Decimal | None:
    """Salable quantity of a SKU in a stock."""
    return number(salable_checks.product_salable_quantity(session, sku, stock_id))


@router.get(
    "/V1/inventory/is-product-salable/{sku:path}/{stockId}",
    response_model=None,
    dependencies=SALES,
)
def is_salable(session: DbSession, sku: str, stock_id: StockId) -> bool:
    """Whether a SKU can be sold in a stock at all."""
    return salable_checks.products_salable(session, stock_id, [sku])[sku]


@router.get(
    "/V1/inventory/is-product-salable-for-requested-qty/{sku:path}/{stockId}/{requestedQty}",
    response_model=None,
    dependencies=SALES,
)
def is_salable_for_qty(
    session: DbSession,
    sku: str,
    stock_id: StockId,
    requested: Annotated[Decimal, Path(alias="requestedQty", allow_inf_nan=False)],
) -> dict[str, Any]:
    """Whether a quantity of a SKU can be sold in a stock, and why not."""
    found = salable_checks.requested_qty_problems(
        session, stock_id, [(sku, requested)], True
    )
    return {"salable": not blocking(found[0]), "errors": _errors(found[0])}


@router.get(
    "/V1/inventory/are-products-salable", response_model=None, dependencies=SALES
)
def are_salable(
    request: Request, session: DbSession, stock_id: StockIdQuery
) -> list[Any]:
    """Whether each SKU can be sold in a stock."""
    skus = [v for k, v in request.query_params.multi_items() if _SKUS.match(k)]
    if not skus:
        raise required_field("skus")
    verdicts = salable_checks.products_salable(session, stock_id, skus)
    return [
        {"sku": sku, "stock_id": stock_id, "salable": verdicts[sku]} for sku in skus
    ]


@router.get(
    "/V1/inventory/are-product-salable-for-requested-qty",
    response_model=None,
    dependencies=SALES,
)
@router.get(
    "/V1/inventory/are-product-salable-for-requested-qty/",
    response_model=None,
    dependencies=SALES,
)
def are_salable_for_qty(
    request: Request, session: DbSession, stock_id: StockIdQuery
) -> list[Any]:
    """Whether each requested quantity can be sold in a stock, and why not."""
    requests = _sku_requests(request)
    found = salable_checks.requested_qty_problems(session, stock_id, requests, False)
    return [
        {
            "sku": sku,
            "stock_id": stock_id,
            "salable": not blocking(errors),
            "errors": _errors(errors),
        }
        for (sku, _), errors in zip(requests, found, strict=True)
    ]


def _sku_requests(request: Request) -> list[tuple[str, Decimal]]:
    """skuRequests[N][sku] and skuRequests[N][qty] pairs, in N order."""
    parts: dict[int, dict[str, str]] = {}
    for key, value in request.query_params.multi_items():
        match = _REQUEST.match(key)
        if match:
            parts.setdefault(int(match.group(1)), {})[match.group(2)] = value
    if not parts:
        raise required_field("skuRequests")
    return [_sku_request(parts[index]) for index in sorted(parts)]


def _sku_request(part: dict[str, str]) -> tuple[str, Decimal]:
    if not part.get("sku"):
        raise required_field("sku")
    try:
        qty = Decimal(part.get("qty", ""))
    except InvalidOperation:
        qty = Decimal("NaN")
    if not qty.is_finite():
        raise InputError(
            'Invalid value of "%value" provided for the %fieldName field.',
            {"value": part.get("qty", ""), "fieldName": "qty"},
        )
    return part["sku"], qty

"""REST routes of the catalog: products and their website links (admin only)."""

from typing import Any

from fastapi import APIRouter
from sqlalchemy.orm import Session

from sellable.catalog import service, stock
from sellable.catalog.models import Product
from sellable.catalog.schemas import ProductSave, ProductWebsiteLinkSave
from sellable.catalog.serializers import product_json
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.search_criteria import search_result
from sellable.kit.web import AdminCaller, Criteria, DbSession, Scope

router = APIRouter(tags=["catalog"])


def _render(session: Session, products: list[Product]) -> list[dict[str, Any]]:
    sources = stock.default_source_items(session, [p.sku for p in products])
    config = stock.config_defaults(session)
    return [product_json(p, sources.get(p.sku), config) for p in products]


@router.post("/V1/products")
def create_product(
    body: ProductSave, session: DbSession, scope: Scope, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Create a product (or update it when the SKU exists, as Magento does)."""
    product = service.save_product(session, body.product, scope)
    return MagentoJSONResponse(_render(session, [product])[0])


@router.put("/V1/products/{sku}")
def update_product(
    sku: str, body: ProductSave, session: DbSession, scope: Scope, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Update a product; create it when the SKU is unknown."""
    product = service.save_product(session, body.product, scope, sku=sku)
    return MagentoJSONResponse(_render(session, [product])[0])


@router.get("/V1/products/{sku}")
def get_product(
    sku: str, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """One product by SKU."""
    product = service.get_product(session, sku)
    return MagentoJSONResponse(_render(session, [product])[0])


@router.get("/V1/products")
def list_products(
    criteria: Criteria, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Products matching searchCriteria."""
    products, total = service.search_products(session, criteria)
    body = search_result(_render(session, products), criteria, total)
    return MagentoJSONResponse(body)


@router.delete("/V1/products/{sku}")
def delete_product(sku: str, session: DbSession, _admin: AdminCaller) -> bool:
    """Delete a product, its website links and its source items."""
    service.delete_product(session, sku)
    return True


@router.post("/V1/products/{sku}/websites")
def add_product_website(
    sku: str, body: ProductWebsiteLinkSave, session: DbSession, _admin: AdminCaller
) -> bool:
    """Assign a product to a website."""
    service.add_website(session, sku, body.productWebsiteLink.website_id)
    return True


@router.delete("/V1/products/{sku}/websites/{website_id}")
def remove_product_website(
    sku: str, website_id: int, session: DbSession, _admin: AdminCaller
) -> bool:
    """Unassign a product from a website."""
    service.remove_website(session, sku, website_id)
    return True

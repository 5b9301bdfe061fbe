"""Request bodies of the source selection endpoints (Magento field names)."""

from decimal import Decimal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from sellable.inventory.selection_domain import DestinationAddress


class AddressIn(BaseModel):
    """Magento's source selection address; only the country is required."""

    country: str
    postcode: str | None = None
    street: str | None = None
    region: str | None = None
    city: str | None = None

    def to_domain(self) -> DestinationAddress:
        return DestinationAddress(
            self.country, self.postcode, self.street, self.region, self.city
        )


class InventoryRequestExtension(BaseModel):
    destination_address: AddressIn | None = None


class ItemRequest(BaseModel):
    sku: str = Field(min_length=1)
    qty: Decimal = Field(ge=0)


class InventoryRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    stock_id: int = Field(validation_alias=AliasChoices("stockId", "stock_id"))
    items: list[ItemRequest]
    extension_attributes: InventoryRequestExtension | None = Field(
        default=None,
        validation_alias=AliasChoices("extension_attributes", "extensionAttributes"),
    )

    def requested(self) -> dict[str, Decimal]:
        """Quantity per SKU, in request order; repeated SKUs add up."""
        totals: dict[str, Decimal] = {}
        for item in self.items:
            totals[item.sku] = totals.get(item.sku, Decimal(0)) + item.qty
        return totals

    def destination(self) -> DestinationAddress | None:
        extension = self.extension_attributes
        if extension is None or extension.destination_address is None:
            return None
        return extension.destination_address.to_domain()


class SourceSelectionRequest(BaseModel):
    inventory_request: InventoryRequest = Field(
        validation_alias=AliasChoices("inventoryRequest", "inventory_request")
    )
    algorithm_code: str = Field(
        validation_alias=AliasChoices("algorithmCode", "algorithm_code")
    )

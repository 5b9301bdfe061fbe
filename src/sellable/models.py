"""Every model, imported so that Alembic and the metadata see them all."""

# The imports are the point of this module: they register the tables.
# ruff: noqa: F401

from sellable.auth.models import AccessToken, AdminUser
from sellable.catalog.models import (
    DownloadableLink,
    Product,
    ProductStockSettings,
    ProductWebsite,
)
from sellable.checkout.models import Cart, CartAddress, CartItem
from sellable.customer.models import Customer, CustomerAddress, CustomerGroup
from sellable.inventory.models import (
    Geoname,
    Reservation,
    ReservationTotal,
    Source,
    SourceItem,
    Stock,
    StockSalesChannel,
    StockSourceLink,
)
from sellable.kit.database import Base
from sellable.mail.models import OutboxMessage
from sellable.sales.models import (
    CreditMemo,
    CreditMemoItem,
    IdempotencyRecord,
    Invoice,
    InvoiceItem,
    Order,
    OrderAddress,
    OrderItem,
    OrderPayment,
    OrderStatusHistory,
    SalesSequence,
    Shipment,
    ShipmentComment,
    ShipmentItem,
    ShipmentTrack,
)
from sellable.salesrule.models import (
    SalesRule,
    SalesRuleCustomerGroup,
    SalesRuleWebsite,
)
from sellable.store.models import ConfigValue, StoreGroup, StoreView, Website

metadata = Base.metadata

__all__ = [name for name in dir() if name[0].isupper()]

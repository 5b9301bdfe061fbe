"""First start: the default scope, the admin user and (optionally) sample data."""

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sellable.auth.models import AdminUser
from sellable.auth.service import create_admin_user
from sellable.customer.models import CustomerGroup
from sellable.inventory.models import Source, Stock, StockSalesChannel, StockSourceLink
from sellable.kit.logging import get_logger
from sellable.kit.security import new_password
from sellable.kit.settings import Settings
from sellable.store.models import StoreGroup, StoreView, Website

log = get_logger(__name__)

CUSTOMER_GROUPS = ["NOT LOGGED IN", "General", "Wholesale", "Retailer"]
RETAIL_CUSTOMER_TAX_CLASS = 3
# Tables given explicit ids (0 for the admin scope, Magento's customer groups).
EXPLICIT_ID_TABLES = [
    ("store_website", "website_id"),
    ("store_group", "group_id"),
    ("store_view", "store_id"),
    ("customer_group", "customer_group_id"),
]


@dataclass
class BootstrapReport:
    created_scope: bool = False
    admin_password: str | None = None
    installed_sample_data: bool = False


def bootstrap(session: Session, settings: Settings) -> BootstrapReport:
    """Create what a fresh database needs; safe to run on every start."""
    report = BootstrapReport()
    if session.get(Website, 0) is None:
        install_default_scope(session)
        report.created_scope = True

    report.admin_password = ensure_admin(session, settings)

    if report.created_scope and settings.sample_data:
        from sellable.sampledata import install_sample_data

        install_sample_data(session)
        report.installed_sample_data = True
    return report


def install_default_scope(session: Session) -> None:
    """Admin scope 0, website `base`, its store group and store view `default`."""
    _add_admin_scope(session)
    _add_customer_groups(session)
    _fix_sequences(session)

    _add_main_website(session)
    _add_default_inventory(session)
    log.info("default_scope_installed")


def _add_admin_scope(session: Session) -> None:
    session.add(Website(website_id=0, code="admin", name="Admin", default_group_id=0))
    session.flush()
    session.add(
        StoreGroup(
            group_id=0,
            website_id=0,
            code="default",
            name="Default",
            root_category_id=0,
            default_store_id=0,
        )
    )
    session.flush()
    session.add(
        StoreView(store_id=0, code="admin", website_id=0, group_id=0, name="Admin")
    )
    session.flush()


def _add_customer_groups(session: Session) -> None:
    for group_id, code in enumerate(CUSTOMER_GROUPS):
        session.add(
            CustomerGroup(
                customer_group_id=group_id,
                customer_group_code=code,
                tax_class_id=RETAIL_CUSTOMER_TAX_CLASS,
            )
        )
    session.flush()


def _add_main_website(session: Session) -> None:
    website = Website(code="base", name="Main Website")
    session.add(website)
    session.flush()

    group = StoreGroup(
        website_id=website.website_id,
        code="main_website_store",
        name="Main Website Store",
        root_category_id=2,
    )
    session.add(group)
    session.flush()

    view = StoreView(
        code="default",
        website_id=website.website_id,
        group_id=group.group_id,
        name="Default Store View",
    )
    session.add(view)
    session.flush()

    website.default_group_id = group.group_id
    group.default_store_id = view.store_id
    session.flush()


def _add_default_inventory(session: Session) -> None:
    source = Source(
        source_code="default",
        name="Default Source",
        enabled=True,
        country_id="US",
        postcode="00000",
    )
    stock = Stock(name="Default Stock")
    session.add_all([source, stock])
    session.flush()

    session.add(StockSalesChannel(type="website", code="base", stock_id=stock.stock_id))
    session.add(
        StockSourceLink(stock_id=stock.stock_id, source_code="default", priority=1)
    )
    session.flush()


def _fix_sequences(session: Session) -> None:
    """Explicit ids leave PostgreSQL sequences behind; move them past the rows."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table, column in EXPLICIT_ID_TABLES:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"GREATEST(MAX({column}), 1), MAX({column}) >= 1) FROM {table}"
            )
        )


def ensure_admin(session: Session, settings: Settings) -> str | None:
    """Create the admin user once; answer the password if it was generated."""
    exists = session.scalar(
        select(AdminUser).where(AdminUser.username == settings.admin_user)
    )
    if exists is not None:
        return None
    password = settings.admin_password or new_password()
    create_admin_user(session, settings.admin_user, password, settings.admin_email)
    log.info("admin_created", username=settings.admin_user)
    return None if settings.admin_password else password

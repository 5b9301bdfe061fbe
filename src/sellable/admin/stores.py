"""Stores > All Stores and Stores > Configuration."""

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.admin.web import Admin, AdminSession, PostedForm, attempt, page
from sellable.inventory.source_selection import DISTANCE_PROVIDER_PATH
from sellable.kit.errors import InputError
from sellable.kit.pages import redirect
from sellable.kit.web import DbSession
from sellable.store import config
from sellable.store.service import store_tree

router = APIRouter()


@dataclass(frozen=True)
class Setting:
    """One config path on the form: a yes/no flag, a number, text or a choice."""

    path: str
    label: str
    kind: str = "flag"
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def field(self) -> str:
        return self.path.replace("/", "__")


YES_NO = (("1", "Yes"), ("0", "No"))
SECTIONS: dict[str, list[Setting]] = {
    "Payment Methods": [
        Setting("payment/checkmo/active", "Check / Money Order enabled"),
        Setting("payment/banktransfer/active", "Bank Transfer Payment enabled"),
        Setting("payment/cashondelivery/active", "Cash On Delivery enabled"),
        Setting("payment/purchaseorder/active", "Purchase Order enabled"),
        Setting("payment/free/active", "Zero subtotal checkout enabled"),
    ],
    "Shipping Methods": [
        Setting("carriers/flatrate/active", "Flat Rate enabled"),
        Setting(
            "carriers/flatrate/type",
            "Flat Rate type",
            "choice",
            (("I", "Per Item"), ("O", "Per Order")),
        ),  # fmt: skip
        Setting("carriers/flatrate/price", "Flat Rate price", "number"),
        Setting("carriers/freeshipping/active", "Free Shipping enabled"),
        Setting(
            "carriers/freeshipping/free_shipping_subtotal",
            "Free Shipping minimum order amount",
            "number",
        ),
        Setting("carriers/tablerate/active", "Table Rates enabled"),
        Setting("carriers/instore/active", "In-Store Pickup enabled"),
        Setting("carriers/instore/price", "In-Store Pickup price", "number"),
        Setting(
            "carriers/instore/search_radius", "Pickup search radius (km)", "number"
        ),
    ],
    "Inventory": [
        Setting("cataloginventory/item_options/manage_stock", "Manage Stock"),
        Setting(
            "cataloginventory/item_options/backorders",
            "Backorders",
            "choice",
            (("0", "No Backorders"), ("1", "Allow Qty Below 0")),
        ),  # fmt: skip
        Setting(
            "cataloginventory/item_options/min_qty", "Out-of-Stock Threshold", "number"
        ),
        Setting(
            "cataloginventory/item_options/min_sale_qty",
            "Minimum Qty Allowed in Shopping Cart",
            "number",
        ),
        Setting(
            "cataloginventory/item_options/max_sale_qty",
            "Maximum Qty Allowed in Shopping Cart",
            "number",
        ),
        Setting(
            "cataloginventory/item_options/notify_stock_qty",
            "Notify for Quantity Below",
            "number",
        ),
    ],
    "Distance Provider for Distance Based SSA": [
        Setting(
            DISTANCE_PROVIDER_PATH,
            "Provider",
            "choice",
            (("offline", "Offline Calculation"), ("google", "Google MAP")),
        ),  # fmt: skip
    ],
}


@router.get("/admin/stores", response_class=HTMLResponse)
def all_stores(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Websites, their store groups and store views."""
    context = {"title": "All Stores", "tree": store_tree(session)}
    return page(request, "admin/stores.html", context)


@router.get("/admin/stores/configuration", response_class=HTMLResponse)
def configuration(request: Request, session: DbSession, _admin: Admin) -> HTMLResponse:
    """Default-scope values of the settings a merchant runs the shop with."""
    values = {
        setting.path: config.get_value(session, setting.path) or ""
        for settings in SECTIONS.values()
        for setting in settings
    }
    context = {
        "title": "Configuration",
        "sections": SECTIONS,
        "values": values,
        "yes_no": YES_NO,
    }
    return page(request, "admin/configuration.html", context)


@router.post("/admin/stores/configuration", response_model=None)
def save_configuration(
    request: Request, session: DbSession, web: AdminSession, form: PostedForm
) -> RedirectResponse:
    """Write every changed value through the config service."""
    _, error = attempt(session, lambda: _save(session, form))
    web.flash("error", error) if error else web.flash(
        "success", "You saved the configuration."
    )
    return redirect(request, web, "/admin/stores/configuration")


def _save(session: Session, form: FormData) -> None:
    for settings in SECTIONS.values():
        for setting in settings:
            value = _value(setting, form)
            if value != (config.get_value(session, setting.path) or ""):
                config.set_value(session, setting.path, value)


def _value(setting: Setting, form: FormData) -> str:
    raw = str(form.get(setting.field) or "").strip()
    if setting.kind == "flag":
        return "1" if raw == "1" else "0"
    if setting.kind == "choice" and raw not in dict(setting.choices):
        raise InputError('"%1" is not an option for %2.', [raw, setting.label])
    if setting.kind == "number" and not _is_number(raw):
        raise InputError("Enter a number for %1.", [setting.label])
    return raw


def _is_number(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True

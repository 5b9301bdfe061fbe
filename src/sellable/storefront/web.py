"""What the customer account pages share: store, session and sign-in guard."""

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from sellable.auth.service import Caller, caller_for_token
from sellable.kit.errors import NotFound
from sellable.kit.pages import PageSession, page_session, render, templates_in
from sellable.kit.web import DbSession
from sellable.store.scope import StoreNotFound, StoreScope, resolve_store

COOKIE = "sellable_customer"
templates = templates_in(Path(__file__).parent)


class SignInRequired(Exception):
    """No signed-in customer for this store's website."""

    def __init__(self, store_code: str) -> None:
        super().__init__(store_code)
        self.store_code = store_code


def customer_session(request: Request) -> PageSession:
    return page_session(request, COOKIE, "/")


CustomerSession = Annotated[PageSession, Depends(customer_session)]


def storefront_scope(store_code: str, session: DbSession) -> StoreScope:
    """The store view of the URL; the admin store has no storefront."""
    try:
        scope = resolve_store(session, store_code)
    except StoreNotFound:
        scope = None
    if scope is None or scope.is_admin:
        # A page, not an API call: an unknown store is simply not there.
        raise NotFound(StoreNotFound.template)
    return scope


Store = Annotated[StoreScope, Depends(storefront_scope)]


def signed_in_customer(request: Request, session: DbSession, store: Store) -> Caller:
    """The customer behind the session's token, signed in on this website."""
    data = customer_session(request).data
    token = data.get("token") if data.get("website_id") == store.website_id else None
    caller = caller_for_token(session, token if isinstance(token, str) else None)
    if caller.user_type != "customer" or caller.user_id is None:
        raise SignInRequired(store.code)
    return caller


Customer = Annotated[Caller, Depends(signed_in_customer)]


def page(
    request: Request, store: StoreScope, name: str, context: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    """Render a storefront template for this store."""
    full = {**context, "store": store, "base": f"/{store.code}/customer/account"}
    session = customer_session(request)
    return render(request, templates, session, name, full, status_code)

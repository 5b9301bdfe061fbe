"""The storefront customer account, mounted under /<store_code>/customer/account/."""

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

from sellable.storefront.web import SignInRequired


def mount(app: FastAPI) -> None:
    """Attach the customer account pages to the application."""
    from sellable.storefront import account

    app.include_router(account.router, include_in_schema=False)
    app.add_exception_handler(SignInRequired, _to_login)


async def _to_login(request: Request, error: Exception) -> RedirectResponse:
    store_code = getattr(error, "store_code", "default")
    return RedirectResponse(f"/{store_code}/customer/account/login", status_code=303)

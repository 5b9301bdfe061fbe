"""The admin web UI, server-rendered, mounted under /admin."""

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from sellable.admin.web import LoginRequired


def mount(app: FastAPI) -> None:
    """Attach the admin pages to the application."""
    from sellable.admin import (
        auth,
        creditmemo,
        inventory,
        orders,
        products,
        stores,
    )

    for module in (auth, orders, creditmemo, products, inventory, stores):
        app.include_router(module.router, include_in_schema=False)
    static = StaticFiles(directory=Path(__file__).parent / "static")
    app.mount("/admin/static", static, name="admin-static")
    app.add_exception_handler(LoginRequired, _to_login)


async def _to_login(request: Request, _error: Exception) -> RedirectResponse:
    wanted = request.url.path if request.method == "GET" else "/admin"
    return RedirectResponse(f"/admin/login?next={quote(wanted)}", status_code=303)

"""The FastAPI application: routes, errors, and the outbox worker."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from sellable.kit.database import make_engine, make_session_factory
from sellable.kit.handlers import install_error_handlers, install_request_guard
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.settings import Settings
from sellable.kit.web import get_store_scope
from sellable.mail.outbox import OutboxWorker


class DefaultStoreRewrite:
    """`/rest/V1/...` is `/rest/default/V1/...`, as in Magento."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/rest/V1/"):
            scope = dict(scope)
            scope["path"] = "/rest/default" + scope["path"][len("/rest") :]
            scope["raw_path"] = scope["path"].encode()
        await self.app(scope, receive, send)


def rest_routers() -> list[APIRouter]:
    from sellable.auth.api import router as auth
    from sellable.catalog.api import router as catalog
    from sellable.checkout.api import router as checkout
    from sellable.customer.api import router as customer
    from sellable.inventory.api import router as inventory
    from sellable.inventory.pickup_api import router as pickup
    from sellable.inventory.selection_api import router as selection
    from sellable.sales.api import router as sales
    from sellable.salesrule.api import router as salesrule
    from sellable.store.api import router as store

    return [
        auth,
        store,
        catalog,
        customer,
        inventory,
        selection,
        pickup,
        checkout,
        salesrule,
        sales,
    ]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for one database."""
    settings = settings or Settings()
    engine = make_engine(settings.resolved_database_url)
    session_factory = make_session_factory(engine)
    worker = OutboxWorker(settings, session_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.run_outbox_worker:
            worker.start()
        yield
        worker.stop()
        engine.dispose()

    app = FastAPI(
        title="sellable",
        summary="Order processing and multi-source inventory, Magento REST compatible",
        default_response_class=MagentoJSONResponse,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.outbox = worker
    app.state.after_commit = lambda _request: worker.wake()
    install_error_handlers(app)
    install_request_guard(app)
    # Every REST call names a store; an unknown one is refused before anything runs.
    in_a_store = [Depends(get_store_scope)]
    for router in rest_routers():
        app.include_router(router, prefix="/rest/{store_code}", dependencies=in_a_store)
    _mount_extras(app)
    app.add_middleware(DefaultStoreRewrite)
    return app


def _mount_extras(app: FastAPI) -> None:
    from sellable import admin, storefront

    admin.mount(app)
    storefront.mount(app)

    @app.get("/health", include_in_schema=False)
    def health(request: Request) -> dict[str, str]:
        return {"status": "ok"}

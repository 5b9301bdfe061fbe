"""FastAPI dependencies shared by every area's routes."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from sellable.auth.errors import resource_denied
from sellable.auth.service import Caller, caller_for_token
from sellable.kit.search_criteria import SearchCriteria, parse_search_criteria
from sellable.kit.settings import Settings
from sellable.store.scope import StoreScope, resolve_store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_session(request: Request) -> Iterator[Session]:
    """The request's one transaction: committed before the response is sent."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
        session.commit()
        request.app.state.after_commit(request)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_session, scope="function")]
AppSettings = Annotated[Settings, Depends(get_settings)]


def get_store_scope(request: Request, session: DbSession) -> StoreScope:
    code = request.path_params.get("store_code", "default")
    return resolve_store(session, code)


Scope = Annotated[StoreScope, Depends(get_store_scope)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token else None


def get_caller(request: Request, session: DbSession) -> Caller:
    return caller_for_token(session, _bearer(request))


AnyCaller = Annotated[Caller, Depends(get_caller)]


def admin_for(resource: str):  # type: ignore[no-untyped-def]
    """A dependency that admits only an admin token (Magento ACL resource named)."""

    def require(caller: AnyCaller) -> Caller:
        if not caller.is_admin:
            raise resource_denied(resource)
        return caller

    return Depends(require)


def require_admin(caller: AnyCaller) -> Caller:
    if not caller.is_admin:
        raise resource_denied("Magento_Backend::admin")
    return caller


def require_customer(caller: AnyCaller) -> Caller:
    if caller.user_type != "customer":
        raise resource_denied("self")
    return caller


AdminCaller = Annotated[Caller, Depends(require_admin)]
CustomerCaller = Annotated[Caller, Depends(require_customer)]


def get_search_criteria(request: Request) -> SearchCriteria:
    return parse_search_criteria(request.query_params.multi_items())


Criteria = Annotated[SearchCriteria, Depends(get_search_criteria)]

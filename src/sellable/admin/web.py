"""What every admin page shares: its session, sign-in guard, grids and actions."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sellable.auth.service import Caller, caller_for_token
from sellable.kit.errors import SellableError
from sellable.kit.pages import (
    Form,
    PageSession,
    page_session,
    render,
    templates_in,
)
from sellable.kit.search_criteria import Filter, SearchCriteria, SortOrder
from sellable.kit.web import DbSession

COOKIE = "sellable_admin"
PREFIX = "/admin"
PAGE_SIZES = (20, 50, 200)
templates = templates_in(Path(__file__).parent)
T = TypeVar("T")


class LoginRequired(Exception):
    """No signed-in admin: the page answers with the sign-in form."""


def admin_session(request: Request) -> PageSession:
    return page_session(request, COOKIE, PREFIX)


AdminSession = Annotated[PageSession, Depends(admin_session)]


def signed_in_admin(request: Request, session: DbSession) -> Caller:
    """The admin behind the session's token; LoginRequired when there is none."""
    token = admin_session(request).data.get("token")
    caller = caller_for_token(session, token if isinstance(token, str) else None)
    if not caller.is_admin:
        raise LoginRequired()
    return caller


Admin = Annotated[Caller, Depends(signed_in_admin)]


def checked_form(request: Request, form: Form, _admin: Admin) -> FormData:
    """A posted form whose CSRF token matches the session's."""
    admin_session(request).check_csrf(form)
    return form


PostedForm = Annotated[FormData, Depends(checked_form)]


def page(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render an admin template."""
    return render(
        request, templates, admin_session(request), name, context, status_code
    )


def not_found(request: Request, error: SellableError) -> HTMLResponse:
    """The 404 page, with the service's message."""
    context = {"title": "Not Found", "error": error.rendered()}
    return page(request, "admin/not_found.html", context, status_code=404)


def attempt(session: Session, action: Callable[[], T]) -> tuple[T | None, str | None]:
    """Run a service call in a savepoint: its result, or its error message."""
    try:
        with session.begin_nested():
            return action(), None
    except SellableError as error:
        return None, error.rendered()


@dataclass(frozen=True)
class GridQuery:
    """A grid's filters, sort and page, read from the query string."""

    filters: dict[str, str]
    sort: str
    direction: str
    page: int
    size: int

    def criteria(
        self, conditions: dict[str, str], sortable: set[str]
    ) -> SearchCriteria:
        groups = [
            [Filter(name, _filter_value(value, conditions[name]), conditions[name])]
            for name, value in self.filters.items()
            if value and name in conditions
        ]
        sorts = [SortOrder(self.sort, self.direction)] if self.sort in sortable else []
        return SearchCriteria(groups, sorts, self.size, self.page)

    def link(self, **changes: Any) -> str:
        """The query string of this grid with some parameters changed."""
        values: dict[str, Any] = {
            **{f"f_{k}": v for k, v in self.filters.items() if v},
            "sort": self.sort,
            "dir": self.direction,
            "page": self.page,
            "size": self.size,
        }
        values.update(changes)
        return "?" + urlencode({k: v for k, v in values.items() if v not in ("", None)})

    def pages(self, total: int) -> int:
        return max((total + self.size - 1) // self.size, 1)


def grid_query(request: Request, default_sort: str = "") -> GridQuery:
    params = request.query_params
    filters = {k[2:]: v.strip() for k, v in params.items() if k.startswith("f_")}
    size = _number(params.get("size"), PAGE_SIZES[0])
    return GridQuery(
        filters=filters,
        sort=params.get("sort", default_sort),
        direction="DESC" if params.get("dir", "ASC").upper() == "DESC" else "ASC",
        page=max(_number(params.get("page"), 1), 1),
        size=size if size in PAGE_SIZES else PAGE_SIZES[0],
    )


def _filter_value(value: str, condition: str) -> str:
    return f"%{value}%" if condition == "like" else value


def _number(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() else default

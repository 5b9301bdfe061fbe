"""Server-rendered pages: signed session cookies, CSRF, flashes, rendering.

Shared by the admin UI and the storefront customer account.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from sellable.kit.errors import InputError
from sellable.kit.settings import Settings
from sellable.kit.signed_cookies import sign, unsign

SESSION_MAX_AGE = 8 * 3600


class CsrfRefused(InputError):
    status_code = 403
    template = "The form has expired or was not sent by this site. Reload and retry."


@dataclass
class PageSession:
    """The data of one signed session cookie, written back with the response."""

    cookie: str
    path: str
    data: dict[str, Any] = field(default_factory=dict)

    def csrf_token(self) -> str:
        if "csrf" not in self.data:
            self.data["csrf"] = secrets.token_urlsafe(24)
        return str(self.data["csrf"])

    def check_csrf(self, form: FormData) -> None:
        sent = str(form.get("csrf_token") or "")
        if not sent or not secrets.compare_digest(sent, self.csrf_token()):
            raise CsrfRefused()

    def flash(self, kind: str, text: str) -> None:
        self.data.setdefault("flash", []).append([kind, text])

    def pop_flashes(self) -> list[list[str]]:
        return list(self.data.pop("flash", []))


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def page_session(request: Request, cookie: str, path: str) -> PageSession:
    """The request's session for this cookie (loaded once per request)."""
    key = f"page_session_{cookie}"
    if not hasattr(request.state, key):
        secret = settings_of(request).resolved_secret_key
        data = unsign(request.cookies.get(cookie), secret, SESSION_MAX_AGE)
        setattr(request.state, key, PageSession(cookie, path, data or {}))
    found: PageSession = getattr(request.state, key)
    return found


def save_session(request: Request, response: Any, session: PageSession) -> None:
    value = sign(session.data, settings_of(request).resolved_secret_key)
    response.set_cookie(
        session.cookie,
        value,
        max_age=SESSION_MAX_AGE,
        path=session.path,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def templates_in(package_dir: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(package_dir / "templates"))
    templates.env.globals["money"] = lambda value: f"${float(value or 0):,.2f}"
    templates.env.globals["qty"] = format_quantity
    return templates


def format_quantity(value: Any) -> str:
    """A quantity without trailing zeros: 10.0000 -> 10, 2.5000 -> 2.5."""
    if value is None:
        return ""
    text = f"{value:f}" if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text


def render(
    request: Request,
    templates: Jinja2Templates,
    session: PageSession,
    name: str,
    context: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    """Render a template with the CSRF token and pending flashes."""
    full = {
        **context,
        "csrf_token": session.csrf_token(),
        "flashes": session.pop_flashes(),
    }
    response = templates.TemplateResponse(request, name, full, status_code=status_code)
    save_session(request, response, session)
    return response


def redirect(request: Request, session: PageSession, url: str) -> RedirectResponse:
    """A 303 See Other, carrying the session (and its flashes) along."""
    response = RedirectResponse(url, status_code=303)
    save_session(request, response, session)
    return response


async def form_data(request: Request) -> FormData:
    """The posted form, parsed once (a dependency for sync routes)."""
    return await request.form()


Form = Annotated[FormData, Depends(form_data)]

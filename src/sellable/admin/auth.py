"""Admin sign-in and sign-out: the session holds an admin token."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sellable.admin.web import Admin, AdminSession, Form, PostedForm, page
from sellable.auth.errors import TwoFactorRequired
from sellable.auth.service import issue_admin_token, issue_admin_token_with_otp
from sellable.kit.errors import SellableError
from sellable.kit.logging import get_logger
from sellable.kit.pages import redirect, settings_of
from sellable.kit.web import DbSession

log = get_logger(__name__)
router = APIRouter()


@router.get("/admin", response_class=HTMLResponse)
@router.get("/admin/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, _admin: Admin) -> HTMLResponse:
    """The admin start page."""
    return page(request, "admin/dashboard.html", {"title": "Dashboard"})


@router.get("/admin/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    """The sign-in form."""
    return page(request, "admin/login.html", {"title": "Sign in", "ask_otp": False})


@router.post("/admin/login", response_model=None)
def login(
    request: Request, session: DbSession, web: AdminSession, form: Form
) -> HTMLResponse | RedirectResponse:
    """Check the credentials (failures count toward the lock-out) and sign in."""
    web.check_csrf(form)
    username = str(form.get("username") or "")
    password = str(form.get("password") or "")
    otp = str(form.get("otp") or "")
    settings = settings_of(request)
    try:
        if otp:
            token = issue_admin_token_with_otp(
                session, settings, username, password, otp
            )
        else:
            token = issue_admin_token(session, settings, username, password)
    except TwoFactorRequired:
        context = {"title": "Sign in", "ask_otp": True, "username": username}
        return page(request, "admin/login.html", context)
    except SellableError as error:
        # Returning (not raising) commits the counted failure.
        context = {"title": "Sign in", "ask_otp": False, "username": username}
        context["error"] = error.rendered()
        return page(request, "admin/login.html", context, status_code=401)

    web.data = {"token": token}
    log.info("admin_signed_in", username=username)
    return redirect(request, web, _next_page(str(form.get("next") or "")))


def _next_page(wanted: str) -> str:
    """Only admin paths: the form must not redirect anywhere else."""
    ok = wanted.startswith("/admin/") and not wanted.startswith("/admin//")
    return wanted if ok else "/admin/sales/orders"


@router.post("/admin/logout", response_model=None)
def logout(request: Request, web: AdminSession, _form: PostedForm) -> RedirectResponse:
    """Forget the session's token."""
    web.data = {}
    web.flash("success", "You have signed out.")
    return redirect(request, web, "/admin/login")

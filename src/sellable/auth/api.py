"""Token endpoints: admin (with or without two-factor) and customer."""

from collections.abc import Callable

from fastapi import APIRouter

from sellable.auth import service
from sellable.auth.errors import AuthenticationFailed
from sellable.auth.schemas import Credentials, OtpCredentials
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.web import AdminCaller, AppSettings, CustomerCaller, DbSession, Scope

router = APIRouter(tags=["integration"])


def _answer_keeping_failures(issue: Callable[[], str]) -> str | MagentoJSONResponse:
    """Refuse a sign-in with a response, not an exception.

    The request's transaction then commits, so the failed attempt counts
    toward the lock-out instead of being rolled back with the error.
    """
    try:
        return issue()
    except AuthenticationFailed as error:
        return MagentoJSONResponse(error.body(), status_code=error.status_code)


@router.post("/V1/integration/admin/token", response_model=None)
def create_admin_token(
    body: Credentials | None = None, *, session: DbSession, settings: AppSettings
) -> str | MagentoJSONResponse:
    """Create an admin access token from the admin's credentials."""
    credentials = body or Credentials()
    return _answer_keeping_failures(
        lambda: service.issue_admin_token(
            session, settings, credentials.username, credentials.password
        )
    )


@router.post("/V1/tfa/provider/google/authenticate", response_model=None)
def authenticate_with_google(
    body: OtpCredentials | None = None, *, session: DbSession, settings: AppSettings
) -> str | MagentoJSONResponse:
    """Create an admin token from credentials and a Google Authenticator code."""
    credentials = body or OtpCredentials()
    return _answer_keeping_failures(
        lambda: service.issue_admin_token_with_otp(
            session,
            settings,
            credentials.username,
            credentials.password,
            credentials.otp,
        )
    )


@router.post("/V1/integration/customer/token", response_model=None)
def create_customer_token(
    body: Credentials | None = None,
    *,
    session: DbSession,
    settings: AppSettings,
    scope: Scope,
) -> str | MagentoJSONResponse:
    """Create a customer token, looking the email up in the store's website."""
    credentials = body or Credentials()
    return _answer_keeping_failures(
        lambda: service.issue_customer_token(
            session,
            settings,
            credentials.username,
            credentials.password,
            scope.website_id,
        )
    )


@router.post("/V1/integration/customer/revoke-customer-token")
def revoke_customer_token(caller: CustomerCaller, session: DbSession) -> bool:
    """Revoke every token of the calling customer."""
    return service.revoke_customer_tokens(session, _user_id(caller.user_id))


@router.post("/V1/integration/admin/revoke-admin-token")
def revoke_admin_token(caller: AdminCaller, session: DbSession) -> bool:
    """Revoke every token of the calling admin (sellable addition)."""
    return service.revoke_admin_tokens(session, _user_id(caller.user_id))


def _user_id(user_id: int | None) -> int:
    assert user_id is not None, "a signed-in caller always has an id"
    return user_id

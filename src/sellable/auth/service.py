"""Issue and check bearer tokens for admins and customers."""

import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pyotp
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sellable.auth.errors import (
    AdminUserNotFound,
    AuthenticationFailed,
    InvalidOtp,
    InvalidTfaSecret,
    ProviderNotAllowed,
    TwoFactorRequired,
)
from sellable.auth.models import AccessToken, AdminUser
from sellable.customer.models import Customer
from sellable.kit.errors import InputError, SellableError, required_field
from sellable.kit.logging import get_logger
from sellable.kit.security import (
    hash_password,
    new_token,
    token_digest,
    verify_password,
)
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow

log = get_logger(__name__)

GOOGLE_PROVIDER = "google"


@dataclass(frozen=True)
class Caller:
    """Who is calling: an admin user, a customer, or nobody (a guest)."""

    user_type: str
    user_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.user_type == "admin"

    @property
    def is_customer(self) -> bool:
        return self.user_type == "customer"


GUEST = Caller("guest")


class Lockable(Protocol):
    """An account that counts failed sign-ins (admin users and customers)."""

    failures_num: int
    lock_expires: datetime | None


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def require_fields(**values: str | None) -> None:
    """Magento's credential check: every named value must be a non-empty string."""
    missing = [name for name, value in values.items() if not value]
    if len(missing) == 1:
        raise required_field(missing[0])
    if missing:
        errors: list[SellableError] = [required_field(name) for name in missing]
        raise InputError("One or more input exceptions have occurred.", errors=errors)


def create_admin_user(
    session: Session,
    username: str,
    password: str,
    email: str = "",
    tfa_secret: str | None = None,
) -> AdminUser:
    """Create an admin user with a hashed password."""
    user = AdminUser(
        username=username,
        email=email,
        password_hash=hash_password(password),
        tfa_secret=_checked_secret(tfa_secret) if tfa_secret else None,
    )
    session.add(user)
    session.flush()
    return user


def set_tfa_secret(session: Session, username: str, secret: str | None) -> AdminUser:
    """Turn Google Authenticator on (a base32 secret) or off (None) for an admin."""
    user = session.scalar(select(AdminUser).where(AdminUser.username == username))
    if user is None:
        raise AdminUserNotFound(parameters=[username])
    user.tfa_secret = _checked_secret(secret) if secret else None
    session.flush()
    log.info("admin_tfa_changed", username=username, enabled=bool(secret))
    return user


def _checked_secret(secret: str) -> str:
    normalised = secret.replace(" ", "").upper()
    try:
        pyotp.TOTP(normalised).now()
    except (binascii.Error, ValueError) as error:
        raise InvalidTfaSecret() from error
    return normalised


def authenticate_admin(
    session: Session, settings: Settings, username: str | None, password: str | None
) -> AdminUser:
    """Check an admin's password, counting failures toward a lock-out.

    The caller must commit even when this raises, or the failure is not counted.
    """
    require_fields(username=username, password=password)
    user = session.scalar(select(AdminUser).where(AdminUser.username == username))
    if user is None or not user.is_active:
        log.warning("admin_sign_in_refused", username=username)
        raise AuthenticationFailed()
    _check_password(session, settings, user, user.password_hash, str(password))
    return user


def _check_password(
    session: Session,
    settings: Settings,
    account: Lockable,
    password_hash: str | None,
    password: str,
) -> None:
    now = utcnow()
    locked_until = _aware(account.lock_expires)
    if locked_until is not None and locked_until > now:
        log.warning("sign_in_while_locked", locked_until=locked_until.isoformat())
        raise AuthenticationFailed()

    if not password_hash or not verify_password(password_hash, password):
        _count_failure(account, settings, now)
        session.flush()
        raise AuthenticationFailed()

    account.failures_num = 0
    account.lock_expires = None


def _count_failure(account: Lockable, settings: Settings, now: datetime) -> None:
    account.failures_num += 1
    if account.failures_num >= settings.admin_lockout_failures:
        lock_until = now + timedelta(minutes=settings.admin_lockout_minutes)
        # The column has no time zone: store UTC without one on every backend.
        account.lock_expires = lock_until.replace(tzinfo=None)
        account.failures_num = 0
        log.warning("account_locked", until=lock_until.isoformat())


def issue_admin_token(
    session: Session, settings: Settings, username: str | None, password: str | None
) -> str:
    """The classic admin token; refused to admins who have two-factor set up."""
    user = authenticate_admin(session, settings, username, password)
    if user.tfa_secret:
        raise TwoFactorRequired(parameters={"active_providers": [GOOGLE_PROVIDER]})
    return _issue(session, "admin", user.user_id, settings.admin_token_lifetime_hours)


def issue_admin_token_with_otp(
    session: Session,
    settings: Settings,
    username: str | None,
    password: str | None,
    otp: str | None,
) -> str:
    """Google Authenticator flow: password and a current TOTP code."""
    require_fields(username=username, password=password, otp=otp)
    user = authenticate_admin(session, settings, username, password)
    if not user.tfa_secret:
        raise ProviderNotAllowed()
    if not pyotp.TOTP(user.tfa_secret).verify(str(otp).strip(), valid_window=1):
        log.warning("admin_otp_refused", username=username)
        raise InvalidOtp()
    return _issue(session, "admin", user.user_id, settings.admin_token_lifetime_hours)


def issue_customer_token(
    session: Session,
    settings: Settings,
    username: str | None,
    password: str | None,
    website_id: int,
) -> str:
    """A customer's token, for the website the request's store belongs to."""
    require_fields(username=username, password=password)
    customer = session.scalar(
        select(Customer).where(
            func.lower(Customer.email) == str(username).strip().lower(),
            Customer.website_id == website_id,
        )
    )
    if customer is None or not customer.is_active:
        raise AuthenticationFailed()
    _check_password(session, settings, customer, customer.password_hash, str(password))
    lifetime = settings.customer_token_lifetime_hours
    return _issue(session, "customer", customer.entity_id, lifetime)


def revoke_customer_tokens(session: Session, customer_id: int) -> bool:
    """Revoke every token of a customer (sign out everywhere)."""
    session.execute(
        update(AccessToken)
        .where(AccessToken.customer_id == customer_id, AccessToken.revoked.is_(False))
        .values(revoked=True)
    )
    log.info("customer_tokens_revoked", customer_id=customer_id)
    return True


def revoke_admin_tokens(session: Session, admin_id: int) -> bool:
    """Revoke every token of an admin user."""
    session.execute(
        update(AccessToken)
        .where(AccessToken.admin_id == admin_id, AccessToken.revoked.is_(False))
        .values(revoked=True)
    )
    log.info("admin_tokens_revoked", admin_id=admin_id)
    return True


def _issue(session: Session, user_type: str, user_id: int, hours: float) -> str:
    token = new_token()
    row = AccessToken(
        token_digest=token_digest(token),
        user_type=user_type,
        admin_id=user_id if user_type == "admin" else None,
        customer_id=user_id if user_type == "customer" else None,
        expires_at=utcnow() + timedelta(hours=hours),
    )
    session.add(row)
    session.flush()
    log.info("token_issued", user_type=user_type, user_id=user_id)
    return token


def caller_for_token(session: Session, token: str | None) -> Caller:
    """Who a bearer token belongs to; an unknown or expired token is a guest."""
    if not token:
        return GUEST
    row = session.scalar(
        select(AccessToken).where(AccessToken.token_digest == token_digest(token))
    )
    expires = _aware(row.expires_at) if row else None
    if row is None or row.revoked or expires is None or expires <= utcnow():
        return GUEST
    user_id = row.admin_id if row.user_type == "admin" else row.customer_id
    return Caller(row.user_type, user_id)

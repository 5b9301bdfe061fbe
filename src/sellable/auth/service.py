"""Issue and check bearer tokens for admins and customers."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.auth.errors import AuthenticationFailed, TwoFactorRequired
from sellable.auth.models import AccessToken, AdminUser
from sellable.customer.models import Customer
from sellable.kit.errors import InputError, required_field
from sellable.kit.logging import get_logger
from sellable.kit.security import hash_password, new_token, token_digest, verify_password
from sellable.kit.settings import Settings
from sellable.kit.types import utcnow

log = get_logger(__name__)


@dataclass(frozen=True)
class Caller:
    """Who is calling: an admin user, a customer, or nobody (a guest)."""

    user_type: str
    user_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return self.user_type == "admin"


GUEST = Caller("guest")


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _require_credentials(username: str | None, password: str | None) -> None:
    if not username:
        raise required_field("username")
    if not password:
        raise required_field("password")


def create_admin_user(
    session: Session, username: str, password: str, email: str = "", tfa_secret: str | None = None
) -> AdminUser:
    """Create an admin user with a hashed password."""
    user = AdminUser(
        username=username,
        email=email,
        password_hash=hash_password(password),
        tfa_secret=tfa_secret,
    )
    session.add(user)
    session.flush()
    return user


def authenticate_admin(
    session: Session, settings: Settings, username: str, password: str
) -> AdminUser:
    """Check an admin's password, counting failures toward a lock-out."""
    _require_credentials(username, password)
    user = session.scalar(select(AdminUser).where(AdminUser.username == username))
    now = utcnow()
    if user is None or not user.is_active:
        raise AuthenticationFailed()
    locked_until = _aware(user.lock_expires)
    if locked_until is not None and locked_until > now:
        log.warning("admin_locked_out", username=username)
        raise AuthenticationFailed()
    if not verify_password(user.password_hash, password):
        _count_failure(user, settings, now)
        raise AuthenticationFailed()
    user.failures_num = 0
    user.lock_expires = None
    return user


def _count_failure(user: AdminUser, settings: Settings, now: datetime) -> None:
    user.failures_num += 1
    if user.failures_num >= settings.admin_lockout_failures:
        user.lock_expires = now + timedelta(minutes=settings.admin_lockout_minutes)
        user.failures_num = 0
        log.warning("admin_locked", username=user.username)


def issue_admin_token(
    session: Session, settings: Settings, username: str, password: str
) -> str:
    """The classic admin token; refused to admins who have two-factor set up."""
    user = authenticate_admin(session, settings, username, password)
    if user.tfa_secret:
        raise TwoFactorRequired()
    return _issue(session, "admin", user.user_id, settings.admin_token_lifetime_hours)


def issue_admin_token_with_otp(
    session: Session, settings: Settings, username: str, password: str, otp: str
) -> str:
    """Google Authenticator flow: password and a current TOTP code."""
    user = authenticate_admin(session, settings, username, password)
    if not otp:
        raise required_field("otp")
    if not user.tfa_secret or not pyotp.TOTP(user.tfa_secret).verify(otp, valid_window=1):
        raise InputError("Invalid code.")
    return _issue(session, "admin", user.user_id, settings.admin_token_lifetime_hours)


def issue_customer_token(
    session: Session, settings: Settings, username: str, password: str, website_id: int
) -> str:
    """A customer's token, for the website the request's store belongs to."""
    _require_credentials(username, password)
    customer = session.scalar(
        select(Customer).where(
            Customer.email == username.strip().lower(), Customer.website_id == website_id
        )
    )
    if customer is None or not customer.password_hash:
        raise AuthenticationFailed()
    if not verify_password(customer.password_hash, password):
        raise AuthenticationFailed()
    return _issue(session, "customer", customer.entity_id, settings.customer_token_lifetime_hours)


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

"""Password hashing and token generation."""

import hashlib
import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
_TOKEN_ALPHABET = string.ascii_lowercase + string.digits


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A 32-character token shaped like Magento's OAuth tokens."""
    return "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(32))


def token_digest(token: str) -> str:
    """Tokens are stored hashed, so a leaked table grants nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_password() -> str:
    return secrets.token_urlsafe(12)

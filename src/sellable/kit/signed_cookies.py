"""Cookie values signed with HMAC-SHA256: readable, but not forgeable."""

import base64
import hashlib
import hmac
import json
import time
from typing import Any


def sign(data: dict[str, Any], secret: str, now: float | None = None) -> str:
    """Encode the data with its issue time and a signature."""
    payload = {"data": data, "at": int(now if now is not None else time.time())}
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()
    return f"{body}.{_signature(body, secret)}"


def unsign(
    value: str | None, secret: str, max_age: float, now: float | None = None
) -> dict[str, Any] | None:
    """The data, or None when the value is absent, tampered with or too old."""
    if not value or "." not in value:
        return None
    body, _, signature = value.rpartition(".")
    if not hmac.compare_digest(signature, _signature(body, secret)):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(body.encode()))
    except ValueError:
        return None
    age = (now if now is not None else time.time()) - int(payload.get("at", 0))
    if age > max_age or not isinstance(payload.get("data"), dict):
        return None
    return dict(payload["data"])


def _signature(body: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")

"""Request bodies of the token endpoints (Magento field names)."""

from pydantic import BaseModel


class Credentials(BaseModel):
    """`{"username", "password"}`; emptiness is checked by the service."""

    username: str | None = None
    password: str | None = None


class OtpCredentials(Credentials):
    """Google Authenticator sign-in: the password and a current code."""

    otp: str | None = None

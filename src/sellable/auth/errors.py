"""Authentication and authorization failures."""

from sellable.kit.errors import AuthenticationFailed, InputError, NotFound, Unauthorized

__all__ = [
    "AdminUserNotFound",
    "AuthenticationFailed",
    "InvalidOtp",
    "InvalidTfaSecret",
    "ProviderNotAllowed",
    "TwoFactorRequired",
    "Unauthorized",
    "resource_denied",
]


def resource_denied(resource: str) -> Unauthorized:
    return Unauthorized(parameters={"resources": resource})


class TwoFactorRequired(AuthenticationFailed):
    """The admin has two-factor set up, so the plain token call is refused."""

    template = "Please use the 2fa provider-specific endpoints to obtain a token."


class InvalidOtp(AuthenticationFailed):
    template = "Invalid code."


class ProviderNotAllowed(InputError):
    template = "Provider is not allowed."


class InvalidTfaSecret(InputError):
    template = "The two-factor secret must be a base32 string of at least 112 bits."


class AdminUserNotFound(NotFound):
    template = 'The admin user "%1" was not found.'

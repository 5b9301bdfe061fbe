"""Authentication and authorization failures."""

from sellable.kit.errors import AuthenticationFailed, Unauthorized

__all__ = ["AuthenticationFailed", "Unauthorized", "resource_denied", "TwoFactorRequired"]


def resource_denied(resource: str) -> Unauthorized:
    return Unauthorized(parameters={"resources": resource})


class TwoFactorRequired(AuthenticationFailed):
    template = "Please use the 2fa provider-specific endpoints to obtain a token."

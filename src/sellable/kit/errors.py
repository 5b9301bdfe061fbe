"""Named business errors rendered the way Magento's REST API renders them."""

from typing import Any


class SellableError(Exception):
    """Base of every expected failure: an HTTP status and a message template.

    The template uses Magento's placeholders (%1, %2 ... or %name), filled
    from `parameters` by the client, exactly as Magento's webapi does.
    """

    status_code: int = 400
    template: str = "An error occurred."

    def __init__(
        self,
        template: str | None = None,
        parameters: list[Any] | dict[str, Any] | None = None,
        status_code: int | None = None,
        errors: list["SellableError"] | None = None,
    ) -> None:
        self.template = template or self.template
        self.parameters = parameters if parameters is not None else []
        if status_code is not None:
            self.status_code = status_code
        self.errors = errors or []
        super().__init__(self.rendered())

    def rendered(self) -> str:
        text = self.template
        if isinstance(self.parameters, dict):
            for key, value in self.parameters.items():
                text = text.replace(f"%{key}", str(value))
        else:
            for index in reversed(range(len(self.parameters))):
                text = text.replace(f"%{index + 1}", str(self.parameters[index]))
        return text

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.template}
        if self.parameters:
            body["parameters"] = self.parameters
        if self.errors:
            body["errors"] = [
                {"message": e.template, "parameters": e.parameters} for e in self.errors
            ]
        return body


class InputError(SellableError):
    status_code = 400


class NotFound(SellableError):
    status_code = 404
    template = (
        "The entity that was requested doesn't exist. Verify the entity and try again."
    )


class Unauthorized(SellableError):
    status_code = 401
    template = "The consumer isn't authorized to access %resources."


class AuthenticationFailed(SellableError):
    status_code = 401
    template = (
        "The account sign-in was incorrect or your account is disabled "
        "temporarily. Please wait and try again later."
    )


class StateConflict(SellableError):
    """The request is valid but the entity's state does not allow it."""

    status_code = 400


def required_field(name: str) -> InputError:
    return InputError(
        '"%fieldName" is required. Enter and try again.', {"fieldName": name}
    )

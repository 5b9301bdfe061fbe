"""Customer failures, with Magento's messages."""

from sellable.kit.errors import InputError, NotFound


class CustomerNotFound(NotFound):
    template = "No such entity with %fieldName = %fieldValue"

    def __init__(self, customer_id: int) -> None:
        super().__init__(
            parameters={"fieldName": "customerId", "fieldValue": customer_id}
        )


class AddressNotFound(NotFound):
    template = "No such entity with %fieldName = %fieldValue"

    def __init__(self, address_id: int) -> None:
        super().__init__(
            parameters={"fieldName": "addressId", "fieldValue": address_id}
        )


class CustomerGroupNotFound(NotFound):
    template = "No such entity with %fieldName = %fieldValue"

    def __init__(self, group_id: int) -> None:
        super().__init__(parameters={"fieldName": "id", "fieldValue": group_id})


class DuplicateEmail(InputError):
    template = (
        "A customer with the same email address already exists "
        "in an associated website."
    )


class EmailMissing(InputError):
    template = "The customer email is missing. Enter and try again."


class InvalidEmail(InputError):
    template = '"%1" is not a valid email address.'

    def __init__(self) -> None:
        super().__init__(parameters=["Email"])


class RequiredValue(InputError):
    """A customer attribute left empty: `"First Name" is a required value.`"""

    template = '"%1" is a required value.'

    def __init__(self, label: str) -> None:
        super().__init__(parameters=[label])


class WeakPassword(InputError):
    """The password breaks one of Magento's strength rules (template per rule)."""


class StoreNotInWebsite(InputError):
    template = "The store view is not in the associated website."


class InvalidStore(InputError):
    template = 'Invalid value of "%value" provided for the %fieldName field.'

    def __init__(self, field_name: str, value: int) -> None:
        super().__init__(parameters={"value": value, "fieldName": field_name})

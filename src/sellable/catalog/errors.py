"""Catalog failures, worded as Magento words them."""

from sellable.kit.errors import InputError, NotFound


class ProductNotFound(NotFound):
    template = (
        "The product that was requested doesn't exist. "
        "Verify the product and try again."
    )


class WebsiteNotFound(InputError):
    template = (
        "The website with code %1 that was requested wasn't found. "
        "Verify the website and try again."
    )


class WebsiteIdNotFound(InputError):
    template = (
        "The website with id %1 that was requested wasn't found. "
        "Verify the website and try again."
    )


class InvalidProduct(InputError):
    """A product field holds a value Magento would refuse."""


class SkuTaken(InputError):
    template = 'A product with the SKU "%1" already exists.'

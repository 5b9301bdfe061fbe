"""Cart price rule failures, worded as Magento words them."""

from sellable.kit.errors import InputError, NotFound


class RuleNotFound(NotFound):
    """Magento's rule repository raises a bare NoSuchEntityException."""

    template = "No such entity."


class InvalidRule(InputError):
    """A rule field holds a value Magento would refuse."""


class WebsiteNotFound(InputError):
    template = (
        "The website with id %1 that was requested wasn't found. "
        "Verify the website and try again."
    )

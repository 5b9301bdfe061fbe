"""The storefront customer account, mounted under /<store_code>/customer/account/."""

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    """Attach the customer account pages to the application."""

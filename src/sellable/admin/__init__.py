"""The admin web UI, server-rendered, mounted under /admin."""

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    """Attach the admin pages to the application."""

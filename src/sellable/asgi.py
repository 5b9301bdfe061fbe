"""The ASGI entry point uvicorn builds in each worker process."""

from fastapi import FastAPI

from sellable.app import create_app
from sellable.kit.settings import Settings


def create() -> FastAPI:
    """The application for the database the environment names."""
    return create_app(Settings())

"""One place that turns failures into Magento-style JSON errors."""

import json
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from sellable.kit.errors import SellableError
from sellable.kit.logging import get_logger
from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.retry import (
    BUSY_MESSAGE,
    RequestGuard,
    is_retryable,
    note_lost_race,
    request_slots,
    sqlstate_of,
)

log = get_logger(__name__)
CONFLICT_MESSAGE = (
    "The entity could not be saved because it conflicts with existing data."
)
OUT_OF_RANGE_MESSAGE = "A value in the request is out of the range the field accepts."
UNKNOWN_MEDIA_TYPE = "Server cannot understand Content-Type HTTP header media type %1"
INTERNAL_MESSAGE = (
    "Internal Error. Details are available in the service log. Report ID: %1"
)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SellableError, _business_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(DataError, _out_of_range)
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(UnicodeEncodeError, _not_unicode)
    app.add_exception_handler(PoolTimeout, _operational_error)
    app.add_exception_handler(Exception, _unexpected_error)


def install_request_guard(app: FastAPI) -> None:
    """Queue requests beyond the pool's capacity; retry lost lock races."""
    app.add_middleware(
        RequestGuard,  # type: ignore[arg-type]
        slots=lambda: request_slots(app.state.engine),
    )


async def _business_error(_request: Request, exc: Exception) -> MagentoJSONResponse:
    assert isinstance(exc, SellableError)
    return MagentoJSONResponse(exc.body(), status_code=exc.status_code)


async def _not_unicode(_request: Request, _exc: Exception) -> MagentoJSONResponse:
    # JSON may carry lone surrogates ("\udfff"); they are not text any database
    # or mail can store, and only a client's input can hold them.
    body = {
        "message": "The request holds characters that are not valid Unicode.",
        "parameters": [],
    }
    return MagentoJSONResponse(body, status_code=400)


async def _validation_error(request: Request, exc: Exception) -> MagentoJSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        parameters = [str(first.get("msg", ""))]
        return MagentoJSONResponse(
            {"message": "Decoding error: %1", "parameters": parameters}, 400
        )
    if isinstance(first.get("input"), bytes | bytearray):
        # The body was not read as JSON: never echo it (it may hold a password).
        media_type = request.headers.get("content-type", "") or "(none)"
        body = {"message": UNKNOWN_MEDIA_TYPE, "parameters": [media_type]}
        return MagentoJSONResponse(body, status_code=400)
    return MagentoJSONResponse(_field_error(first), status_code=400)


def _field_error(first: dict[str, Any]) -> dict[str, Any]:
    field = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    if first.get("type") == "missing":
        return {
            "message": '"%fieldName" is required. Enter and try again.',
            "parameters": {"fieldName": field.rsplit(".", 1)[-1]},
        }
    return {
        "message": 'Invalid value of "%value" provided for the %fieldName field.',
        "parameters": {"value": _shown(first.get("input", "")), "fieldName": field},
    }


def _shown(value: Any) -> str:
    """A rejected value as the client sent it (JSON), cut to a readable size."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return text[:200]


async def _out_of_range(request: Request, exc: Exception) -> MagentoJSONResponse:
    """A number too large for the database column: bad input, not a crash."""
    log.info("value_out_of_range", path=request.url.path, error=str(exc)[:200])
    return MagentoJSONResponse({"message": OUT_OF_RANGE_MESSAGE}, status_code=400)


async def _http_error(_request: Request, exc: Exception) -> MagentoJSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return MagentoJSONResponse(
            {"message": "Request does not match any route."}, 404
        )
    if exc.status_code == 405:
        return MagentoJSONResponse(
            {"message": "Request does not match any route."}, 405
        )
    return MagentoJSONResponse(
        {"message": str(exc.detail)}, status_code=exc.status_code
    )


async def _integrity_error(request: Request, exc: Exception) -> MagentoJSONResponse:
    log.warning(
        "integrity_error", path=request.url.path, error=str(exc.__cause__ or exc)[:300]
    )
    return MagentoJSONResponse({"message": CONFLICT_MESSAGE}, status_code=400)


async def _operational_error(request: Request, exc: Exception) -> MagentoJSONResponse:
    if is_retryable(exc):
        retried = note_lost_race(request)
        state = sqlstate_of(exc)
        path = request.url.path
        log.warning("lost_lock_race", path=path, sqlstate=state, retried=retried)
        return MagentoJSONResponse({"message": BUSY_MESSAGE}, status_code=503)
    log.error("database_unavailable", path=request.url.path, error=str(exc)[:300])
    return MagentoJSONResponse(
        {"message": "The service is busy. Try again later."}, status_code=503
    )


async def _unexpected_error(request: Request, exc: Exception) -> MagentoJSONResponse:
    report_id = uuid.uuid4().hex[:12]
    log.exception("unexpected_error", path=request.url.path, report_id=report_id)
    body = {"message": INTERNAL_MESSAGE, "parameters": [report_id]}
    return MagentoJSONResponse(body, status_code=500)

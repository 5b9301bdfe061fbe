"""sellable's REST routes, and which Magento schema operation each one is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import compile_path

from tests.contract.magento_schema import Operation, operation_key, operations

REST_PREFIX = "/rest/{store_code}"
# `/rest/V1/...` is the default store; any other first segment is a store code.
STORE_CODE = re.compile(r"^/rest/(?!V1/)[^/]+(?=/V1/)")


@dataclass(frozen=True)
class Route:
    """One method of one sellable REST path, e.g. `GET /V1/orders/{order_id}`."""

    method: str
    path: str
    regex: re.Pattern[str]

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def operation(self) -> Operation | None:
        """The schema operation with this method and path template, if any."""
        return operations().get(operation_key(self.method, self.path))


def rest_routes(app: FastAPI) -> list[Route]:
    """sellable's `/rest/{store_code}/V1/...` routes in matching order."""
    found: list[Route] = []
    for method, path in _walk(app.routes, ""):
        if path.startswith(REST_PREFIX + "/V1/"):
            local = path[len(REST_PREFIX) :]
            regex = compile_path(local)[0]
            found.append(Route(method, _plain(local), regex))
    return found


def match(routes: Iterable[Route], method: str, url_path: str) -> Route | None:
    """The route FastAPI would pick for a request to `/rest/<store>/V1/...`."""
    local = STORE_CODE.sub("/rest", url_path)
    if not local.startswith("/rest/V1/"):
        return None
    local = local[len("/rest") :]
    for route in routes:
        if route.method == method.upper() and route.regex.match(local):
            return route
    return None


def _walk(routes: Iterable[Any], prefix: str) -> Iterator[tuple[str, str]]:
    for route in routes:
        include = getattr(route, "include_context", None)
        if include is not None:
            yield from _walk(route.original_router.routes, prefix + include.prefix)
        elif isinstance(route, APIRoute):
            for method in sorted(route.methods or ()):
                yield method, prefix + route.path


def _plain(path: str) -> str:
    """`{sku:path}` -> `{sku}`: the converter is not part of the template."""
    return re.sub(r"\{(\w+):\w+\}", r"{\1}", path)

"""Magento's REST schema as operations, and response validation against it.

The schema is Swagger 2.0: response schemas are JSON Schema draft 4 with `$ref`s
to `#/definitions/...`, so each one is validated by `jsonschema.Draft4Validator`
as a document that carries the schema's `definitions` beside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator  # type: ignore[import-untyped]

SCHEMA_FILE = (
    Path(__file__).resolve().parent / "schemas" / "admin-schema-2.4.9.subset.json"
)
IN_SCOPE_FILE = SCHEMA_FILE.parent / "in-scope-operations.txt"
METHODS = ("get", "post", "put", "delete")
PARAMETER = re.compile(r"\{[^}]*\}")
INDEX = re.compile(r"\[\d+\]")


def operation_key(method: str, path: str) -> tuple[str, str]:
    """`("GET", "/V1/orders/{id}")` and `/V1/orders/{order_id}/` agree."""
    return method.upper(), PARAMETER.sub("{}", path).rstrip("/")


@dataclass(frozen=True, eq=False)
class Operation:
    """One schema operation, e.g. `GET /V1/orders/{id}`."""

    method: str
    path: str
    spec: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def success_schema(self) -> dict[str, Any] | None:
        """The schema of the 200 response, or None when Magento declares none."""
        success = self.spec["responses"].get("200") or {}
        schema: dict[str, Any] | None = success.get("schema")
        return schema


@dataclass(frozen=True)
class Mismatch:
    """One place where a response breaks the schema."""

    operation: str
    where: str
    rule: str
    message: str
    is_null: bool = False

    def __str__(self) -> str:
        return f"{self.operation}: {self.where}: {self.rule}: {self.message}"


@cache
def document() -> dict[str, Any]:
    """The committed schema subset."""
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


@cache
def operations() -> dict[tuple[str, str], Operation]:
    """Every operation of the schema by its normalised (method, path)."""
    found: dict[tuple[str, str], Operation] = {}
    for path, item in document()["paths"].items():
        for method in METHODS:
            if method in item:
                key = operation_key(method, path)
                assert key not in found, f"two schema paths normalise to {key}"
                found[key] = Operation(method.upper(), path, item[method])
    return found


def in_scope_operations() -> list[tuple[str, str]]:
    """(method, path) of every line of in-scope-operations.txt."""
    lines = IN_SCOPE_FILE.read_text(encoding="utf-8").splitlines()
    rows = [line.split() for line in lines if line.strip()]
    return [(row[0], row[1]) for row in rows if not row[0].startswith("#")]


@cache
def _validator(operation: Operation) -> Draft4Validator | None:
    schema = operation.success_schema
    return None if schema is None else _rooted(schema)


@cache
def _error_validator() -> Draft4Validator:
    return _rooted({"$ref": "#/definitions/error-response"})


def _rooted(schema: dict[str, Any]) -> Draft4Validator:
    """A validator for `schema` that resolves `#/definitions/...` references."""
    rooted = {**schema, "definitions": document()["definitions"]}
    Draft4Validator.check_schema(rooted)
    return Draft4Validator(rooted)


def has_success_schema(operation: Operation) -> bool:
    """Whether Magento declares what a 200 answer of this operation holds."""
    return operation.success_schema is not None


def validate(operation: Operation, body: Any) -> list[Mismatch]:
    """Every way `body` breaks the operation's 200 response schema."""
    validator = _validator(operation)
    return [] if validator is None else _mismatches(operation.name, validator, body)


def validate_error(operation: Operation, body: Any) -> list[Mismatch]:
    """Every way a 4xx `body` breaks Magento's `error-response` definition."""
    return _mismatches(f"{operation.name} (error)", _error_validator(), body)


def _mismatches(name: str, validator: Draft4Validator, body: Any) -> list[Mismatch]:
    return [
        Mismatch(
            name,
            _where(error.absolute_path),
            str(error.validator),
            _say(error),
            error.instance is None,
        )
        for error in validator.iter_errors(body)
    ]


def _where(path: Any) -> str:
    where = "$"
    for part in path:
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return where


def _say(error: Any) -> str:
    message = str(error.message)
    return message if len(message) <= 160 else message[:157] + "..."


def pattern(where: str) -> str:
    """`$.items[3].sku` -> `$.items[*].sku`, for allow-lists and summaries."""
    return INDEX.sub("[*]", where)

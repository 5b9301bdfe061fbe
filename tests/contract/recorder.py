"""Validate every successful REST answer a client receives against the schema."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from tests.contract.magento_schema import (
    Mismatch,
    has_success_schema,
    pattern,
    validate,
    validate_error,
)
from tests.contract.routes import Route, match


@dataclass(frozen=True)
class Allowance:
    """A schema rule that Magento's own answers break, so sellable may too.

    `field` is matched against the end of the mismatch's `$.a[*].b` path, on
    every operation (the same interface is answered by several). With
    `null_only`, only a null value is allowed: a required field that Magento
    prints as null (its serializer does so for getters not declared nullable).
    """

    field: str
    rule: str
    reason: str
    null_only: bool = True

    def allows(self, mismatch: Mismatch) -> bool:
        where = pattern(mismatch.where)
        return (
            mismatch.rule == self.rule
            and (where.endswith("." + self.field) or where == "$" + self.field)
            and (mismatch.is_null or not self.null_only)
        )


AllowList = Sequence[Allowance]


@dataclass
class ContractRecorder:
    """An httpx response hook that checks 2xx answers of schema operations."""

    routes: list[Route]
    allowed: AllowList = ()
    error_allowed: AllowList = ()
    validated: Counter[str] = field(default_factory=Counter)
    errors_validated: Counter[str] = field(default_factory=Counter)
    undeclared: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    mismatches: list[Mismatch] = field(default_factory=list)
    allowed_hits: Counter[Allowance] = field(default_factory=Counter)

    def attach(self, client: httpx.Client) -> None:
        """Check every response `client` receives from now on."""
        hooks = client.event_hooks
        hooks["response"] = [*hooks.get("response", []), self.check]
        client.event_hooks = hooks

    def check(self, response: httpx.Response) -> None:
        """Validate one answer of a schema operation: a 2xx, or a 4xx error."""
        request = response.request
        route = match(self.routes, request.method, request.url.path)
        status = response.status_code
        if route is None or not (200 <= status < 300 or 400 <= status < 500):
            return
        operation = route.operation
        if operation is None:
            self.unmapped[route.name] += 1
            return

        response.read()
        if status >= 400:
            self.errors_validated[operation.name] += 1
            found = validate_error(operation, _body(response))
            self._keep(found, self.error_allowed)
        elif has_success_schema(operation):
            self.validated[operation.name] += 1
            self._keep(validate(operation, _body(response)), self.allowed)
        else:
            self.undeclared[operation.name] += 1

    def _keep(self, found: list[Mismatch], allowed: AllowList) -> None:
        for mismatch in found:
            allowance = next((a for a in allowed if a.allows(mismatch)), None)
            if allowance is None:
                self.mismatches.append(mismatch)
            else:
                self.allowed_hits[allowance] += 1

    def report(self) -> str:
        """Mismatches grouped by operation, field and rule, with one example."""
        groups: dict[tuple[str, str, str], list[Mismatch]] = {}
        for mismatch in self.mismatches:
            key = (mismatch.operation, pattern(mismatch.where), mismatch.rule)
            groups.setdefault(key, []).append(mismatch)
        lines = [
            f"{operation}: {where}: {rule} (x{len(found)}): {found[0].message}"
            for (operation, where, rule), found in sorted(groups.items())
        ]
        return "\n".join(lines)

    def summary(self) -> str:
        """Counts of validated answers per operation, and what was not checked."""
        total = sum(self.validated.values())
        lines = [f"validated {total} answers of {len(self.validated)} operations"]
        lines += [
            f"  {name}: {count}" for name, count in sorted(self.validated.items())
        ]
        errors = self.errors_validated
        lines.append(f"validated {sum(errors.values())} 4xx answers of {len(errors)}:")
        lines += [f"  {name}: {count}" for name, count in sorted(errors.items())]
        if self.undeclared:
            lines.append("no 200 schema in Magento (not validated):")
            lines += [f"  {name}" for name in sorted(self.undeclared)]
        if self.allowed_hits:
            lines.append("allowed mismatches (Magento answers so too):")
            lines += [
                f"  {a.field} ({a.rule}): {n}" for a, n in self.allowed_hits.items()
            ]
        if self.unmapped:
            lines.append("sellable's own routes (not in Magento's schema):")
            lines += [f"  {name}" for name in sorted(self.unmapped)]
        return "\n".join(lines)


def _body(response: httpx.Response) -> object:
    if not response.content:
        return None
    return json.loads(response.content)

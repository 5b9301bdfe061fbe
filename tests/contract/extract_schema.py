"""Cut Magento's admin REST schema down to the paths sellable's areas serve.

Usage: `.venv/bin/python -m tests.contract.extract_schema [SOURCE_DIR]`
(SOURCE_DIR defaults to `../shared/magento-openapi` beside the checkout).

Keeps every path whose first segment after `/V1/` is one of FAMILIES (so a new
route in an existing area needs no re-extraction), every in-scope operation, and
the definitions those paths reach through `$ref`. Nothing else is changed: the
kept paths and definitions are Magento's, byte for byte after JSON round-trip.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCE_DIR = REPO.parent / "shared" / "magento-openapi"
TARGET_DIR = HERE / "schemas"
SOURCE_NAME = "admin-schema-2.4.9.json"
TARGET_NAME = "admin-schema-2.4.9.subset.json"
COPIED = ["LICENSE-AdobeDocs-commerce-webapi.txt", "in-scope-operations.txt"]
FAMILIES = frozenset(
    {
        "carts", "guest-carts", "coupons", "creditmemo", "creditmemos",
        "customers", "integration", "inventory", "invoice", "invoices", "order",
        "orders", "products", "salesRules", "shipment", "shipments", "stockItems",
        "stockStatuses", "store", "tfa",
    }
)  # fmt: skip
REF_PREFIX = "#/definitions/"


def family(path: str) -> str:
    """`/V1/inventory/sources` -> `inventory`."""
    return path.split("/")[2]


def in_scope_paths(text: str) -> set[str]:
    """The paths named in in-scope-operations.txt."""
    lines = (line.split() for line in text.splitlines() if line.strip())
    return {words[1] for words in lines if not words[0].startswith("#")}


def referenced(node: Any) -> set[str]:
    """Names of the definitions a JSON fragment points at directly."""
    if isinstance(node, dict):
        found = set()
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.removeprefix(REF_PREFIX))
            else:
                found |= referenced(value)
        return found
    if isinstance(node, list):
        return set().union(*(referenced(value) for value in node))
    return set()


def reachable(roots: set[str], definitions: dict[str, Any]) -> set[str]:
    """Every definition reachable from `roots` (transitively)."""
    seen: set[str] = set()
    pending = set(roots)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending |= referenced(definitions[name]) - seen
    return seen


def subset(document: dict[str, Any], wanted: set[str]) -> dict[str, Any]:
    """The document with only the wanted paths and the definitions they reach."""
    paths = {
        path: item
        for path, item in document["paths"].items()
        if family(path) in FAMILIES or path in wanted
    }
    names = reachable(referenced(paths), document["definitions"])
    definitions = {
        name: value for name, value in document["definitions"].items() if name in names
    }
    kept = {key: document[key] for key in ("swagger", "info", "host", "basePath")}
    return {**kept, "paths": paths, "definitions": definitions}


def extract(source_dir: Path = SOURCE_DIR, target_dir: Path = TARGET_DIR) -> Path:
    """Write the subset and copy the license and the in-scope list beside it."""
    document = json.loads((source_dir / SOURCE_NAME).read_text(encoding="utf-8"))
    scope = (source_dir / "in-scope-operations.txt").read_text(encoding="utf-8")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / TARGET_NAME
    text = json.dumps(subset(document, in_scope_paths(scope)), indent=1)
    target.write_text(text + "\n", encoding="utf-8")
    for name in COPIED:
        shutil.copyfile(source_dir / name, target_dir / name)
    return target


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE_DIR
    written = extract(source)
    print(f"wrote {written.relative_to(REPO)} ({written.stat().st_size} bytes)")

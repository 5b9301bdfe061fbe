"""Placeholders, captures and capture paths of the MSI tutorial fixtures."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*(?::[^{}\s]+)?)\}")
ADMIN_PASSWORD = "<admin-password>"
NUMERIC_STRING = re.compile(r"[0-9]+")

_KEY = r"\.([^.\[\]]+)"
_INDEX = r"\[(\d+)\]"
_WHERE = r"\[([^=\]]+)=([^\]]*)\]"
_SEGMENT = re.compile(f"{_KEY}|{_INDEX}|{_WHERE}")

Captures = dict[str, Any]
Segment = tuple[str, ...]


class MissingCapture(AssertionError):
    """A placeholder names a value no earlier call captured."""


class CapturePathError(AssertionError):
    """A capture path does not lead to a value in the response."""


@dataclass(frozen=True)
class Captured:
    """An expected value that is one whole placeholder.

    Magento sends some ids as numbers and others as numeric strings (a cart item's
    `quote_id` is a string), so it matches the captured value in either form.
    """

    name: str
    value: Any


def substitute(
    value: Any, captures: Captures, admin_password: str | None = None
) -> Any:
    """Return a request path, query or body with its placeholders filled in."""

    def on_string(text: str) -> Any:
        if admin_password is not None:
            text = text.replace(ADMIN_PASSWORD, admin_password)
        whole = PLACEHOLDER.fullmatch(text)
        if whole:
            return lookup(captures, whole.group(1))
        return interpolate(text, captures)

    return _walk(value, on_string, captures)


def substitute_expected(value: Any, captures: Captures) -> Any:
    """Return an expectation with whole placeholders wrapped in `Captured`."""

    def on_string(text: str) -> Any:
        whole = PLACEHOLDER.fullmatch(text)
        if whole:
            name = whole.group(1)
            return Captured(name, lookup(captures, name))
        return interpolate(text, captures)

    return _walk(value, on_string, captures)


def interpolate(text: str, captures: Captures) -> str:
    """Replace every placeholder inside `text` by the captured value as text."""
    return PLACEHOLDER.sub(lambda match: str(lookup(captures, match.group(1))), text)


def lookup(captures: Captures, name: str) -> Any:
    """Return a captured value, or fail naming the missing capture."""
    if name not in captures:
        known = ", ".join(sorted(captures)) or "none"
        raise MissingCapture(f"placeholder {{{name}}} was never captured ({known})")
    return captures[name]


def _walk(value: Any, on_string: Callable[[str], Any], captures: Captures) -> Any:
    if isinstance(value, str):
        return on_string(value)
    if isinstance(value, dict):
        return {
            interpolate(key, captures): _walk(item, on_string, captures)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_walk(item, on_string, captures) for item in value]
    return value


def stored_capture(value: Any, body_type: str | None) -> Any:
    """Return the value to store; ids typed integer_or_numeric_string become ints."""
    is_numeric_text = isinstance(value, str) and NUMERIC_STRING.fullmatch(value)
    if body_type == "integer_or_numeric_string" and is_numeric_text:
        return int(value)
    return value


def read_path(document: Any, path: str) -> Any:
    """Read `$`, `$.a.b`, `$.items[0]` or `$.items[sku=24-WB01].item_id`."""
    node = document
    for segment in parse_path(path):
        node = _step(node, segment, path)
    return node


def parse_path(path: str) -> list[Segment]:
    """Split a capture path into ("key", name), ("index", n), ("where", f, v)."""
    if not path.startswith("$"):
        raise CapturePathError(f"capture path {path!r} does not start with $")
    segments: list[Segment] = []
    position = 1
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None:
            raise CapturePathError(f"cannot parse {path!r} at {path[position:]!r}")
        segments.append(_segment(match))
        position = match.end()
    return segments


def _segment(match: re.Match[str]) -> Segment:
    key, index, field, wanted = match.groups()
    if key is not None:
        return ("key", key)
    if index is not None:
        return ("index", index)
    return ("where", field, wanted)


def _step(node: Any, segment: Segment, path: str) -> Any:
    kind = segment[0]
    if kind == "key" and isinstance(node, dict) and segment[1] in node:
        return node[segment[1]]
    if kind == "index" and isinstance(node, list) and int(segment[1]) < len(node):
        return node[int(segment[1])]
    if kind == "where" and isinstance(node, list):
        for element in node:
            if isinstance(element, dict) and str(element.get(segment[1])) == segment[2]:
                return element
    raise CapturePathError(f"{path}: no {segment} in {_preview(node)}")


def _preview(node: Any) -> str:
    text = repr(node)
    return text if len(text) <= 300 else text[:300] + "..."

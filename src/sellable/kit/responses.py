"""JSON rendering that writes money and quantities as plain numbers."""

import json
from decimal import Decimal
from typing import Any

from fastapi.responses import JSONResponse


def plain(value: Any) -> Any:
    """Turn Decimals into ints or floats, recursively, for JSON output."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


class MagentoJSONResponse(JSONResponse):
    """Magento answers every success with 200 and bare scalars where it can."""

    def render(self, content: Any) -> bytes:
        # A lone surrogate sent by a client must not break the answer.
        return json.dumps(
            plain(content), ensure_ascii=False, separators=(",", ":"), default=str
        ).encode("utf-8", "backslashreplace")

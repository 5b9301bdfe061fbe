"""Column types shared by the models."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import DateTime, Numeric
from sqlalchemy.orm import mapped_column

Money = Annotated[Decimal, mapped_column(Numeric(20, 4), default=Decimal(0))]
Quantity = Annotated[Decimal, mapped_column(Numeric(20, 4), default=Decimal(0))]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]


def utcnow() -> datetime:
    return datetime.now(UTC)

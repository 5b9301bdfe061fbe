"""Money arithmetic: Decimal, rounded the way Magento rounds prices."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal | int | float | str) -> Decimal:
    """Round to cents, half away from zero (PHP's round())."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: Decimal | int | float | str | None) -> Decimal:
    if value is None:
        return Decimal(0)
    return Decimal(str(value))


class DeltaRounder:
    """Round a series of amounts so the rounded sum equals the rounded total.

    Magento carries the rounding remainder from one line to the next when it
    spreads a discount over items; this keeps totals exact to the cent.
    """

    def __init__(self) -> None:
        self._delta = Decimal(0)

    def round(self, amount: Decimal) -> Decimal:
        exact = amount + self._delta
        rounded = money(exact)
        self._delta = exact - rounded
        return rounded

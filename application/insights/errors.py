"""What the insights feature refuses."""

from application.errors import AppError


class InsightsError(AppError):
    pass


class BadMonth(InsightsError):
    """A report month that is not a real YYYY-MM month."""

    code = "bad_month"
    status = 422
    placeholders = frozenset({"month"})

    def __init__(self, month: str) -> None:
        super().__init__(f"not a month in the form YYYY-MM: {month!r}", values={"month": month})


class BadPeriod(InsightsError):
    """A date range whose last day comes before its first."""

    code = "bad_period"
    status = 422

    def __init__(self) -> None:
        super().__init__("the period's last day comes before its first")

"""The figures of the insights page and the monthly report as typed data: every figure is a
table of published cells (a suppressed count carries no number at all, so no renderer can
leak it), optionally with a chart drawn from one of its columns."""

import re
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from application.calendar import day_start
from application.insights.errors import BadMonth, BadPeriod

MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")

# How a column's numbers are written: a count of firms or conversations, a share in per cent,
# a duration (minutes, seconds, working days) or a score.
Kind = Literal["count", "percent", "minutes", "seconds", "days", "score"]
ChartKind = Literal["bars", "stacked"]


class Period(BaseModel):
    """Korean calendar days, both ends included."""

    model_config = ConfigDict(frozen=True)

    since: date
    until: date

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.until < self.since:
            raise BadPeriod()
        return self

    @classmethod
    def month(cls, text: str) -> "Period":
        """The whole month of `YYYY-MM`; BadMonth for anything else."""
        found = MONTH_PATTERN.fullmatch(text.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
            raise BadMonth(text)
        first = date(int(found.group(1)), int(found.group(2)), 1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(since=first, until=following - timedelta(days=1))

    @property
    def start(self) -> datetime:
        return day_start(self.since)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return day_start(self.until + timedelta(days=1))

    def months(self) -> list[date]:
        """The first day of every month the period touches."""
        out, month = [], self.since.replace(day=1)
        while month <= self.until:
            out.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return out


class Cell(BaseModel):
    """One published number. `suppressed` cells have no value: they stand for a count of
    fewer than five (or a figure computed from one), or a cell hidden so that a published
    total cannot give another suppressed cell away."""

    model_config = ConfigDict(frozen=True)

    value: float | None = None
    suppressed: bool = False

    @model_validator(mode="after")
    def _no_hidden_value(self) -> "Cell":
        if self.suppressed and self.value is not None:
            raise ValueError("a suppressed cell carries no value")
        return self


class Column(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    kind: Kind


class Row(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    cells: list[Cell]
    # Extra text beside the label (a mentor's team).
    sub: str | None = None


class Chart(BaseModel):
    """What the chart draws: `bars` one bar per row from `column`, against `reference` (a
    mentor's capacity) when given; `stacked` one bar per row made of the `segments` columns."""

    model_config = ConfigDict(frozen=True)

    kind: ChartKind = "bars"
    column: str | None = None
    reference: str | None = None
    segments: list[str] = []
    # Long lists of categories (17 regions) chart only the rows that are not a published 0;
    # the table beside keeps every row.
    skip_zero: bool = False


class Figure(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    note: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    chart: Chart | None = None
    # Extra lines under the table (a median, conversations still going on).
    remarks: list[str] = []
    empty: str | None = None
    # The number of firms every row counts, when each row splits the same firms (readiness).
    base: Cell | None = None

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


class Insights(BaseModel):
    period: Period
    generated_at: datetime
    # Sessions of this period may already have been deleted (INTAKE_SESSION_RETENTION_DAYS).
    funnel_incomplete: bool
    session_retention_days: int
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

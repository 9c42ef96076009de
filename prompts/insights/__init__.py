"""What the insights page and the monthly report say (prompts/insights/ko.yaml), checked at
load: figure titles, notes, column names, stage and category names, the suppression marker.
The staff side is Korean only, like the console."""

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from prompts import check_placeholders, load_prompt_file

INSIGHTS_PROMPTS_DIR = Path(__file__).resolve().parent

FIGURES = ("funnel", "questions", "months", "regions", "industries", "support_types", "programmes", "vendors",
           "contact_days", "contact_deadline", "readiness", "readiness_change", "mentors")


class FigureText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    note: str
    columns: dict[str, str]
    in_progress: str | None = None
    median: str | None = None
    empty: str | None = None


class InsightsPrompts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    placeholders: ClassVar[dict[str, frozenset[str]]] = {
        "report_title": frozenset({"month"}),
        "month": frozenset({"year", "month"}),
        "period": frozenset({"since", "until"}),
        "generated": frozenset({"at"}),
        "retention": frozenset({"days"}),
        "minutes": frozenset({"value"}),
        "seconds": frozenset({"value"}),
        "days": frozenset({"value"}),
        "percent": frozenset({"value"}),
        "chart_value": frozenset({"label", "value"}),
        "chart_desc": frozenset({"title"}),
    }
    # Placeholders of the figures' notes and extra lines.
    figure_placeholders: ClassVar[dict[str, frozenset[str]]] = {
        "questions.note": frozenset({"hours"}),
        "questions.in_progress": frozenset({"count"}),
        "contact_days.note": frozenset({"days"}),
        "contact_days.median": frozenset({"value"}),
        "contact_deadline.note": frozenset({"days", "share"}),
    }

    title: str
    report_title: str
    month: str
    period: str
    generated: str
    intro: str
    suppression: str
    retention: str
    suppressed: str
    suppressed_csv: str
    missing: str
    total: str
    item: str
    team: str
    unknown: str
    other: str
    minutes: str
    seconds: str
    days: str
    percent: str
    chart_value: str
    chart_desc: str
    hidden_segment: str
    zero_rows: str
    figures: dict[str, FigureText]
    stages: dict[str, str]
    questions_extra: dict[str, str]
    day_buckets: dict[str, str]
    deadline: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> "InsightsPrompts":
        missing = [name for name in FIGURES if name not in self.figures]
        if missing:
            raise ValueError(f"figures without text: {missing}")
        check_placeholders(((name, getattr(self, name)) for name in self.placeholders), self.placeholders)
        texts = []
        for key in self.figure_placeholders:
            figure, field = key.split(".")
            texts.append((key, getattr(self.figures[figure], field) or ""))
        check_placeholders(texts, self.figure_placeholders)
        return self

    def figure(self, name: str) -> FigureText:
        return self.figures[name]


@lru_cache(maxsize=1)
def load_insights_prompts() -> InsightsPrompts:
    return load_prompt_file(INSIGHTS_PROMPTS_DIR / "ko.yaml", InsightsPrompts, {}, "insights/ko.yaml")

"""How a published cell is written: on the page and in the report, and in CSV (where a
suppressed cell is the ASCII "<5" and numbers stay bare, so a spreadsheet reads them)."""

from application.insights.schemas import Cell, Kind
from prompts.insights import InsightsPrompts, load_insights_prompts


def number(value: float) -> str:
    """`12`, `12.5`, `1,234`: no trailing `.0`."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def cell_text(cell: Cell, kind: Kind, text: InsightsPrompts | None = None) -> str:
    text = text or load_insights_prompts()
    if cell.suppressed:
        return text.suppressed
    if cell.value is None:
        return text.missing
    shown = number(cell.value)
    if kind == "percent":
        return text.percent.format(value=shown)
    if kind == "minutes":
        return text.minutes.format(value=shown)
    if kind == "days":
        return text.days.format(value=shown)
    if kind == "seconds":
        return text.seconds.format(value=shown)
    return shown


def csv_text(cell: Cell, text: InsightsPrompts | None = None) -> str:
    text = text or load_insights_prompts()
    if cell.suppressed:
        return text.suppressed_csv
    if cell.value is None:
        return ""
    return str(int(cell.value)) if float(cell.value).is_integer() else str(cell.value)

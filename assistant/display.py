"""Slot values as an owner reads them back ("연 600만 원", "25명", "일부 업무에 써요")."""

from typing import Any

from assistant.flow import SlotSpec
from prompts import Prompts


def format_krw(amount: int, prompts: Prompts) -> str:
    if prompts.lang != "ko":
        return prompts.units.won.format(amount=f"{amount:,}")
    eok, rest = divmod(amount, 100_000_000)
    man, won = divmod(rest, 10_000)
    parts = []
    if eok:
        parts.append(f"{eok:,}{prompts.units.eok}")
    if man:
        parts.append(f"{man:,}{prompts.units.man}")
    if won or not parts:
        parts.append(f"{won:,}")
    return prompts.units.won.format(amount=" ".join(parts))


def format_value(spec: SlotSpec, value: Any, prompts: Prompts) -> str:
    if value is None:
        return prompts.word("unknown")
    if spec.type == "krw":
        text = format_krw(int(value), prompts)
        return prompts.units.per_year.format(amount=text) if spec.id.startswith("costs.") else text
    if spec.type == "int":
        unit = prompts.units.year if spec.id == "company.founded_year" else prompts.units.people
        return unit.format(n=value)
    if spec.type == "bool":
        return prompts.word("yes" if value else "no")
    if spec.type == "level" and spec.scale is not None:
        return prompts.scales[spec.scale][int(value)]
    if spec.type == "enum" and spec.vocabulary:
        return prompts.value_label(spec.vocabulary, str(value))
    if spec.type == "list" and spec.vocabulary:
        vocabulary = spec.vocabulary
        return ", ".join(prompts.value_label(vocabulary, str(v)) for v in value)
    return str(value)

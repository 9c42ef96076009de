"""Form fields to the dictionaries the knowledge-base models validate, and the names of the
fields each form shows (where its problems can be put). Field names are the models' dotted
paths (`name.ko`, `sources.0.quote`), so a validator's location names its field directly.

Nothing is judged here: a number that does not parse is handed on as text, so the model
reports it against its field like any other problem."""

from typing import Any

from starlette.datastructures import FormData

Data = dict[str, Any]

ENTRY_TEXTS = ("name", "operator", "summary", "body")
ENTRY_CHOICES = ("eligibility.industries", "eligibility.regions", "eligibility.stages", "eligibility.assumed",
                 "support_types")
# Repeated groups: the sub-fields of one row.
CONDITION_FIELDS = ("ko", "en")
SOURCE_FIELDS = ("seed", "quote")
FACT_FIELDS = ("text.ko", "text.en", "note")


def _get(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _text(form: FormData, key: str) -> str:
    # Browsers send textarea line breaks as CRLF; the files use LF.
    return _get(form, key).replace("\r\n", "\n")


def _line(form: FormData, key: str) -> str:
    return _get(form, key).strip()


def _lines(form: FormData, key: str) -> list[str]:
    return [line.strip() for line in _text(form, key).split("\n") if line.strip()]


def _choices(form: FormData, key: str) -> list[str]:
    """The ticked boxes, in the order the item had them (the hidden `key.order` field), then
    newly ticked ones in the form's order: re-saving an item does not reorder its lists."""
    ticked = [value for value in form.getlist(key) if isinstance(value, str) and value]
    before = _get(form, f"{key}.order").split(",")
    return sorted(ticked, key=lambda value: (before.index(value) if value in before else len(before)))


def _number(form: FormData, key: str) -> int | str | None:
    raw = _line(form, key)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        return raw


def _rows(form: FormData, prefix: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows `prefix.0.field`, `prefix.1.field`, … in order; a row left all blank is dropped,
    so clearing a row removes it."""
    numbers = sorted({int(key.split(".")[len(prefix.split("."))]) for key in form
                      if key.startswith(prefix + ".") and key.split(".")[len(prefix.split("."))].isdigit()})
    rows = []
    for number in numbers:
        row = {name: _text(form, f"{prefix}.{number}.{name}").strip() for name in fields}
        if any(row.values()):
            rows.append(row)
    return rows


def _nest(row: dict[str, str]) -> Data:
    nested: Data = {}
    for dotted, value in row.items():
        *parents, last = dotted.split(".")
        target = nested
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    return nested


def entry_data(form: FormData) -> Data:
    data: Data = {"slug": _line(form, "slug"), "kind": _line(form, "kind")}
    for name in ENTRY_TEXTS:
        reader = _text if name in ("summary", "body") else _line
        data[name] = {"ko": reader(form, f"{name}.ko"), "en": reader(form, f"{name}.en")}
    data["eligibility"] = {
        "industries": _choices(form, "eligibility.industries"),
        "regions": _choices(form, "eligibility.regions"),
        "stages": _choices(form, "eligibility.stages"),
        "assumed": _choices(form, "eligibility.assumed"),
        "employees_min": _number(form, "eligibility.employees_min"),
        "employees_max": _number(form, "eligibility.employees_max"),
        "conditions": _rows(form, "eligibility.conditions", CONDITION_FIELDS),
    }
    data["support_types"] = _choices(form, "support_types")
    data["capability_tags"] = _lines(form, "capability_tags")
    data["aliases"] = _lines(form, "aliases")
    data["owner_needs"] = {"ko": _lines(form, "owner_needs.ko"), "en": _lines(form, "owner_needs.en")}
    data["sources"] = _rows(form, "sources", SOURCE_FIELDS)
    data["public_facts"] = [_nest(row) for row in _rows(form, "public_facts", FACT_FIELDS)]
    dates: Data = {name: _line(form, f"dates.{name}") or None for name in ("announced", "starts", "ends")}
    note = {"ko": _text(form, "dates.note.ko").strip(), "en": _text(form, "dates.note.en").strip()}
    if any(note.values()):
        dates["note"] = note
    data["dates"] = dates if any(dates.values()) else None
    return data


def entry_anchors(data: Data) -> set[str]:
    """Every field name the entry form shows for `data` (its rows plus one blank row each)."""
    anchors = {"slug", "kind", "eligibility", "support_types", "capability_tags", "aliases", "sources",
               "public_facts", "dates", "dates.announced", "dates.starts", "dates.ends", "dates.note",
               "dates.note.ko", "dates.note.en", "owner_needs.ko", "owner_needs.en", "eligibility.conditions",
               "eligibility.employees_min", "eligibility.employees_max", *ENTRY_CHOICES}
    anchors |= {f"{name}.{lang}" for name in ENTRY_TEXTS for lang in ("ko", "en")}
    eligibility = data.get("eligibility") or {}
    groups = (("eligibility.conditions", len(eligibility.get("conditions") or []), CONDITION_FIELDS),
              ("sources", len(data.get("sources") or []), SOURCE_FIELDS),
              ("public_facts", len(data.get("public_facts") or []), (*FACT_FIELDS, "text")))
    for prefix, count, fields in groups:
        for number in range(count + 1):
            anchors.add(f"{prefix}.{number}")
            anchors |= {f"{prefix}.{number}.{name}" for name in fields}
    return anchors


def mentor_data(form: FormData) -> Data:
    return {
        "slug": _line(form, "slug"),
        "name": {"ko": _line(form, "name.ko"), "en": _line(form, "name.en")},
        "tier": _number(form, "tier"),
        "lead": _line(form, "lead") or None,
        "expertise": _lines(form, "expertise"),
        "industries": _choices(form, "industries"),
        "regions": _choices(form, "regions"),
        "languages": _choices(form, "languages"),
        "weekly_capacity": _number(form, "weekly_capacity"),
        "active": "active" in form,
        "sample": "sample" in form,
    }


MENTOR_ANCHORS = {"slug", "name.ko", "name.en", "tier", "lead", "expertise", "industries", "regions", "languages",
                  "weekly_capacity", "active", "sample"}


def partner_data(form: FormData) -> Data:
    return {
        "key": _line(form, "key"),
        "name": _line(form, "name"),
        "title": _line(form, "title"),
        "greeting": _text(form, "greeting").strip(),
        "title_en": _line(form, "title_en") or None,
        "greeting_en": _text(form, "greeting_en").strip() or None,
        "colour": _line(form, "colour"),
        "allowed_origins": _lines(form, "allowed_origins"),
        "active": "active" in form,
    }


PARTNER_ANCHORS = {"key", "name", "title", "greeting", "title_en", "greeting_en", "colour", "allowed_origins",
                   "active"}

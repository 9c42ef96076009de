"""What a purged case keeps: its brief, event log and stored turns with the contact data taken
out and everything else as it was, still valid to read and replay."""

from typing import Any

from application.privacy.redact import Redactor, is_contact_slot, map_strings
from assistant.decision.brief import NeedsBrief
from assistant.events import event_from_dict, event_to_dict

# The brief's parts written by the owner rather than made from the knowledge base.
_OWNER_PARTS = ("slots", "goals_and_pains", "contact")
_EVENT_KEYS = ("type", "at")


def scrub_event(event: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """The event without contact data. A contact slot's answer becomes the clearing of that
    slot, so a replay gives the state without contact, as after a refused consent."""
    kind = event.get("type")
    if kind == "slot_set" and is_contact_slot(event.get("slot")):
        cleared = {"type": "slot_cleared", "at": event["at"], "slot": event["slot"]}
        return event_to_dict(event_from_dict(cleared))
    if kind == "user_uttered":
        out = {**event, "text": redactor.owner(event["text"])}
    elif kind == "slot_set":
        out = {**event, "value": map_strings(event.get("value"), redactor.owner),
               "raw_text": redactor.owner(event.get("raw_text", ""))}
    else:
        out = {key: value if key in _EVENT_KEYS else map_strings(value, redactor.known)
               for key, value in event.items()}
    # Validated, so a purge can never leave a log that no longer replays.
    event_from_dict(out)
    return out


def scrub_turn(turn: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """A stored reply of the assistant: it can only quote contact values the owner gave."""
    scrubbed: dict[str, Any] = map_strings(turn, redactor.known)
    return scrubbed


def scrub_brief(brief: dict[str, Any], redactor: Redactor) -> dict[str, Any]:
    """The anonymised brief: no contact, no contact slots, the owner's words without contact
    details; programs, readiness, vendors, mentors and the consent record unchanged."""
    out: dict[str, Any] = {key: map_strings(value, redactor.known)
                           for key, value in brief.items() if key not in _OWNER_PARTS}
    out["contact"] = dict.fromkeys(brief.get("contact") or {})
    out["slots"] = {
        slot: {**entry, "value": map_strings(entry.get("value"), redactor.owner),
               "raw_text": redactor.owner(entry.get("raw_text", ""))}
        for slot, entry in (brief.get("slots") or {}).items()
        if not is_contact_slot(slot)
    }
    out["goals_and_pains"] = map_strings(brief.get("goals_and_pains"), redactor.owner)
    NeedsBrief.model_validate(out)
    return out

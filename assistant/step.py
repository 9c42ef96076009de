"""One step of the dialogue being put together: the events it causes (each applied to the
working state as it is emitted) and what the assistant will say."""

from dataclasses import dataclass, field
from datetime import datetime

from assistant.events import Event
from assistant.state import DialogueState
from assistant.turns import Option, Turn, TurnCitation


@dataclass
class Step:
    events: list[Event]
    turn: Turn


@dataclass
class Draft:
    state: DialogueState
    now: datetime
    events: list[Event] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    citations: list[TurnCitation] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    # Slots set this step whose reading is weak: the first is read back before going on.
    weak: list[str] = field(default_factory=list)
    # Over before this step: nothing is asked any more. (Within a step a consent answer
    # briefly leaves no question pending, which is not the end.)
    was_finished: bool = field(init=False)

    def __post_init__(self) -> None:
        self.was_finished = self.state.finished

    def emit(self, event: Event) -> None:
        self.events.append(event)
        self.state.apply(event)

    @property
    def message_id(self) -> str | None:
        return self.state.transcript[-1].message_id if self.state.transcript else None

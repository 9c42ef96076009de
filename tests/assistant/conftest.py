from collections.abc import Callable

import pytest

from application.runtime import Runtime
from assistant.engine import Engine, Step
from assistant.events import Event
from assistant.state import DialogueState


class Chat:
    """Drives the real engine the way the API does: replay the stored events, advance."""

    def __init__(self, engine: Engine, lang: str = "ko") -> None:
        self.engine = engine
        step = engine.start(lang)  # type: ignore[arg-type]
        self.events: list[Event] = list(step.events)
        self.turn = step.turn

    @property
    def state(self) -> DialogueState:
        return DialogueState.replay(self.events)

    def say(self, text: str) -> Step:
        step = self.engine.advance(self.state, text)
        self.events.extend(step.events)
        self.turn = step.turn
        return step

    def value(self, slot: str) -> object:
        found = self.state.slots.get(slot)
        return found.value if found else None


@pytest.fixture
def chat(runtime: Runtime) -> Callable[..., Chat]:
    return lambda lang="ko": Chat(runtime.engine, lang)

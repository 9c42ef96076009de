"""`intake chat`: the intake in the terminal, with the same engine as the web chat."""

from typing import Annotated, Literal

import typer
from rich.console import Console

from application.cli.progress import progress_bar
from application.runtime import build_runtime
from application.settings import Settings
from assistant.events import Event
from assistant.state import DialogueState
from assistant.turns import Turn
from prompts import Say, load_prompts

console = Console()


def _show(turn: Turn, say: Say) -> None:
    for message in turn.messages:
        console.print(f"[bold cyan]{say.speaker_assistant}[/] {message}", highlight=False)
    for citation in turn.citations:
        console.print(f"  [dim]{say.source_label}: {citation.name} — {citation.source}[/]", highlight=False)
    for number, option in enumerate(turn.options, start=1):
        console.print(f"  [green]{number}[/] {option.label}", highlight=False)


def chat(
    lang: Annotated[Literal["ko", "en"], typer.Option(help="Conversation language")] = "ko",
) -> None:
    """Chat with the intake assistant in the terminal. A number picks a quick reply; an
    empty line or Ctrl-D ends the chat."""
    with progress_bar("Loading") as update:
        runtime = build_runtime(Settings(), update)
    engine = runtime.engine
    say = load_prompts(lang).say
    step = engine.start(lang)
    events: list[Event] = list(step.events)
    _show(step.turn, say)
    while step.turn.expecting is not None or not DialogueState.replay(events).finished:
        try:
            text = console.input(f"[bold]{say.speaker_owner}[/] ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not text:
            break
        if text.isdigit() and 1 <= int(text) <= len(step.turn.options):
            text = step.turn.options[int(text) - 1].value
        step = engine.advance(DialogueState.replay(events), text)
        events.extend(step.events)
        _show(step.turn, say)
        if step.turn.brief_ready:
            break

"""Side questions answered by what they ask: service questions from settings, programme and
vendor questions by aspect with the passage that states it, small talk, refusals. Plain
Python: no web, database or Chroma imports."""

from assistant.answering.answerer import SideAnswerer
from assistant.answering.models import ServiceFacts, SideAnswer

__all__ = ["ServiceFacts", "SideAnswer", "SideAnswerer"]

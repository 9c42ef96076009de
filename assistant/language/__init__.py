"""The linguistics every slot reader shares, written once: morphemes (mecab-ko), clauses,
the markers that govern a clause (negation, hedges, questions, don't-know, corrections,
time reference) and the topic cues that route a clause to its slot.

A marker is decided on the clause it stands in, on morphemes or word boundaries, never as a
substring of the whole message: "현실은" holds no "실은", and "뭐부터 해야 할지 모르겠어요"
does not make the region in the clause before it unknown."""

from assistant.language.clauses import Clause, TimeRef, split_clauses
from assistant.language.morphs import Morph, morphs
from assistant.language.topics import TOPIC_SLOTS, topics_of

__all__ = ["TOPIC_SLOTS", "Clause", "Morph", "TimeRef", "morphs", "split_clauses", "topics_of"]

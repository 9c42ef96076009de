"""The assistant's morphemes come from the analyser it shares with lexical search
(`korean.morphs`): one mecab-ko per process."""

from korean.morphs import Morph, morphs

__all__ = ["Morph", "morphs"]

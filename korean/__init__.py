"""Korean morphology shared by understanding (assistant) and lexical search (retrieval): one
analyser, mecab-ko, loaded once per process (`korean.morphs`)."""

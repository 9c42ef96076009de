"""Casework: what happens to a case after the owner hands it over — the knowledge-mentoring
steps (seed 003), who holds the case, notes, expert advice, and who may see and do what."""

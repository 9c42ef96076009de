"""The application layer: one package per feature (chat, cases, partners, catalog, accounts,
casework, privacy, briefs), each with the same files where it needs them — `models.py`
(tables), `schemas.py` (what crosses its boundary), `service.py` (its use cases) and `errors.py`
(subclasses of the one `errors.AppError`) — plus `store/` (engine, sessions, migrations),
`settings.py`, `calendar.py` (Korea's time zone and working days), `runtime.py` (the wiring)
and `cli/` (the `intake` command).

It uses the plain-Python core (`assistant`, `retrieval`, `knowledge`, `prompts`) and is used by
`web/`; neither arrow runs back (import-linter checks it)."""

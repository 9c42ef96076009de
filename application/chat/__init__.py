"""Chat sessions: the owner's conversation stored as an append-only event log (models,
repository), a message posted exactly once and one at a time per session (posting), resume
codes for another device, the language switch, and the service the chat API calls."""

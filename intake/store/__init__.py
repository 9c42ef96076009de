"""The durable session store: chat sessions as append-only event logs in SQLite or PostgreSQL."""

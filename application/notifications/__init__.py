"""Notifications by e-mail: case events write mails to an outbox in their own transaction, and
`intake notify run` delivers them over SMTP, at least once, never lost."""

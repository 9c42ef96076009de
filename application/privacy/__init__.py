"""Personal data: who looked at which case's contact data (`access_log.AccessLog`), and the purge
that destroys contact data once its retention has passed (`purge.purge`)."""

"""The `intake` command: one module per command group, each calling the feature services and
printing; nothing here decides anything a service does not."""

from application.cli.main import app

__all__ = ["app"]

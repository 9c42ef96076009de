"""The `intake` command."""

from intake.cli.main import app

__all__ = ["app"]

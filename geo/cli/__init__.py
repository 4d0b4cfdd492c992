"""The command line: ``python -m geo status|handout|export ...``."""

from geo.cli.commands import main

__all__ = ["main"]

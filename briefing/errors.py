"""Domain errors; each carries the process exit code the CLI maps it to (see README)."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    FAILURE = 1  # rendering failed, no CJK font, an unexpected error
    CONFIG = 2  # usage or configuration error (click also uses 2 for usage)
    INPUT = 3  # a source could not be read, or --strict and a source was skipped
    SEND_FAILED = 4  # the brief was built and kept, but could not be sent
    SKIPPED = 5  # --if-changed and nothing changed since the last build
    LOCKED = 6  # another build holds the lock
    PARTIAL_DELIVERY = 7  # the brief was sent, but the server refused some recipients
    OUTPUT = 8  # an output or state file cannot be written (disk full, permissions); nothing half-published
    NOTHING_NEW = 9  # no source is new since the previous brief: no brief written or sent


class BriefingError(Exception):
    """Base class: a one-line message and an exit code."""

    exit_code: ExitCode = ExitCode.FAILURE


class ConfigError(BriefingError):
    """The configuration is invalid; the message lists every problem."""

    exit_code = ExitCode.CONFIG


class SourceError(BriefingError):
    """A source file cannot be used; the message names the file."""

    exit_code = ExitCode.INPUT


class SourceSkipped(SourceError):
    """A source is skipped (empty, binary, too large): a warning unless --strict."""


class RenderError(BriefingError):
    """The brief could not be rendered faithfully (missing font, glyph or resource)."""


class SendError(BriefingError):
    """The brief could not be delivered; the PDF stays in the output folder."""

    exit_code = ExitCode.SEND_FAILED


class PartialDeliveryError(BriefingError):
    """Some recipients got the brief and the server refused the others; the sent marker says who."""

    exit_code = ExitCode.PARTIAL_DELIVERY


class OutputError(BriefingError, OSError):
    """A file in the output folder cannot be written; the message names it (an OSError too)."""

    exit_code = ExitCode.OUTPUT

    def __str__(self) -> str:
        """Return the one-line message, not OSError's "[Errno N] …" rendering."""
        return str(self.args[0]) if self.args else ""


class SkippedUnchanged(BriefingError):
    """Sources, config and templates are unchanged since the last successful build."""

    exit_code = ExitCode.SKIPPED


class LockedError(BriefingError):
    """Another build is running."""

    exit_code = ExitCode.LOCKED

"""Errors a user can meet, each with a Chinese message that names the file, sheet and cell where known."""

from __future__ import annotations


class NianbaoError(Exception):
    """Base class: ``str(error)`` is the message shown to the user."""

    exit_code = 2


class UnreadableFile(NianbaoError):
    """The file cannot be opened as a spreadsheet (empty, corrupt, encrypted, not a workbook)."""


class NotTemplate(NianbaoError):
    """The file opens, but it is not this template: sheets or labels are missing or moved."""


class OutputError(NianbaoError):
    """An output file cannot be written (read-only folder, file open in another program)."""

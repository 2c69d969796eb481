"""Domain errors. The CLI turns each into one readable line and an exit status.

Every message says what is wrong and, where it can, how to fix it; none of them
carries a traceback to the user.
"""

from __future__ import annotations


class ArchiverError(Exception):
    """Base class for every error chat-archiver reports to a user."""


class UnsupportedFile(ArchiverError):
    """The file is not something we can read (binary, wrong format, truncated)."""


class NoChatFound(ArchiverError):
    """The file was read, but no chat transcript was found in it."""


class BadQuery(ArchiverError):
    """A full-text search query that SQLite's FTS5 cannot parse."""


class BadOption(ArchiverError):
    """An option value that cannot be used (unknown time zone, bad date)."""


class NotFound(ArchiverError):
    """An id (message, conversation, promise) that is not in the archive."""


class BrowserNotFound(ArchiverError):
    """No Chromium or Chrome could be found to drive."""


class CaptureFailed(ArchiverError):
    """Live capture could not start the browser or open the page."""

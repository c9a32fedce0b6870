"""What web and feed import raise when something cannot be imported: the message says what went wrong and what to
do about it, for the publisher's staff (shown on the feed, in the admin, by the commands)."""

from __future__ import annotations


class ImportFailure(Exception):
    """Something could not be imported; the message says what went wrong and what to do about it."""


class FetchError(ImportFailure):
    """The address could not be fetched, or what came back is not what we can use."""


class UnreadablePageError(ImportFailure):
    """The page holds no story we could find."""

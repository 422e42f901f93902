"""The extractor's identity: what a stored article was extracted with, so a build knows when to redo it."""

from __future__ import annotations

EXTRACTOR_VERSION = "0.3.1"


def extractor_identity() -> str:
    """The version of the rules, written on every article graph and compared by the next build."""
    return EXTRACTOR_VERSION

"""Where the graph lives: an Oxigraph directory on disk (the default) or a SPARQL server over HTTP.

`open_store` is the one entry point; both stores follow `kg.store.base.Store` and are context managers.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import DEFAULT_STORE, Store
from kg.store.local import LocalStore
from kg.store.remote import RemoteStore

__all__ = ["DEFAULT_STORE", "LocalStore", "RemoteStore", "Store", "open_store"]


def open_store(location: str | Path = DEFAULT_STORE, read_only: bool = False) -> Store:
    """Open the store at a directory (created if needed) or a SPARQL endpoint URL."""
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore.from_url(text)
    path = Path(text)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store here (build one with `kg build PATH --store {path}`)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a directory, cannot hold a store")
    return LocalStore(path, read_only=read_only)

"""`kg serve`: serve the store read-only over the SPARQL 1.1 Protocol."""

from __future__ import annotations

from typing import List, Optional

import typer

from kg.cli.app import app, fail
from kg.errors import KgError
from kg.serve.server import ServeLimits
from kg.serve.server import serve as serve_store
from kg.store import DEFAULT_STORE

DEFAULTS = ServeLimits()


@app.command()
def serve(
    store: str = typer.Option(DEFAULT_STORE, "--store", "-s", help="Store directory to serve (read-only)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on."),
    timeout: float = typer.Option(DEFAULTS.timeout_s, "--timeout", help="Seconds a query may run."),
    max_rows: int = typer.Option(DEFAULTS.max_rows, "--max-rows", help="Most rows (or triples) in an answer."),
    workers: int = typer.Option(DEFAULTS.workers, "--workers", help="Queries evaluated at the same time."),
    max_memory: Optional[int] = typer.Option(None, "--max-memory", help="MB of memory one query worker may use "
                                             "(default: the machine's memory shared by the workers and the server)."),
    max_per_client: Optional[int] = typer.Option(None, "--max-per-client", help="Workers one client address may "
                                                 "hold at once (default: all but one)."),
    idle_timeout: float = typer.Option(DEFAULTS.idle_timeout_s, "--idle-timeout", help="Seconds before a silent "
                                       "connection is closed."),
    allow_service: List[str] = typer.Option([], "--allow-service", help="A host that SERVICE clauses may call "
                                            "(repeatable); federated queries are refused otherwise."),
    trust_forwarded: bool = typer.Option(False, "--trust-forwarded", help="Behind a reverse proxy: count the "
                                         "first X-Forwarded-For address as the client (--max-per-client)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log requests."),
) -> None:
    """Serve the store over the SPARQL 1.1 Protocol (GET and POST queries at /query, landing page at /).

    Queries with SERVICE are refused (400) unless their host is given with --allow-service. Each query worker
    runs under a memory cap (--max-memory); a query over it gets 503 and the worker is replaced.

    Example: kg serve --store kg-store --port 7878, then
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5' http://127.0.0.1:7878/query
    """
    def log(line: str) -> None:
        if not quiet or line.startswith("kg:"):
            typer.echo(line, err=True)

    try:
        serve_store(store, host, port, timeout_s=timeout, max_rows=max_rows, workers=workers, log=log,
                    max_memory_mb=max_memory, max_per_client=max_per_client, idle_timeout_s=idle_timeout,
                    allow_service=frozenset(allow_service), trust_forwarded=trust_forwarded)
    except KgError as error:
        fail(error)

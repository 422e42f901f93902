"""Serve: the store over the SPARQL 1.1 Protocol (kg.serve.server), read-only, in worker processes.
`kg.serve(store_path, ...)` calls kg.serve.server.serve."""

from kg._callable import make_callable

make_callable(__name__, "kg.serve.server", "serve")

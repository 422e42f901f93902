"""A store that lives in someone else's SPARQL server, spoken to over the SPARQL 1.1 Protocol.

`--store URL` takes the query endpoint. Writes go to the update endpoint (SPARQL 1.1 Update) or, when
one is given, to a Graph Store Protocol endpoint (one PUT per article graph). Options ride in the
URL's fragment, which is never sent to the server:

    http://localhost:3030/kg/query#update=/kg/update&gsp=/kg/data&timeout=60

See docs/sparql.md for the URL shapes of Oxigraph, Apache Jena Fuseki, Virtuoso and GraphDB.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from kg import formats
from kg.errors import QuerySyntaxError, StoreError, UsageError
from kg.query.bind import bind_parameters
from kg.store.base import ClosingStore, QueryResult, read_article_hashes, read_article_states, replace_graph_update

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "text/tab-separated-values;q=0.8, application/n-triples, text/turtle;q=0.9, "
          "application/rdf+xml;q=0.7")
# What a server may answer in, read with the shared format table (kg/formats.py).
RESULT_TYPES = {fmt.media_type: fmt.writer for fmt in formats.SOLUTION_FORMATS.values()
                if fmt.name != "csv"} | {"application/json": ox.QueryResultsFormat.JSON}
GRAPH_TYPES = {fmt.media_type: fmt.writer for fmt in formats.GRAPH_FORMATS.values()} | {
    "text/plain": ox.RdfFormat.N_TRIPLES}
DUMP_QUERY = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    gsp: str | None = None
    timeout: float = 60.0
    user: str | None = None
    password: str | None = None


def default_update_endpoint(query_url: str) -> str:
    """The usual update endpoint next to a query endpoint (Oxigraph, Fuseki, GraphDB); else the same URL."""
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last == "query" or (last == "sparql" and head):  # Oxigraph /query, Fuseki /ds/query or /ds/sparql
        path = f"{head}/update"
    elif head.endswith("/repositories"):  # GraphDB /repositories/ID
        path = f"{path}/statements"
    return urllib.parse.urlunsplit(parts._replace(path=path))


def parse_endpoints(url: str) -> Endpoints:
    """The endpoints of a `--store` URL; `user:password@` becomes HTTP authentication."""
    base, _, fragment = url.partition("#")
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url}: not an http(s) SPARQL endpoint URL")
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    query_url = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    options = dict(urllib.parse.parse_qsl(fragment))
    unknown = sorted(set(options) - {"update", "gsp", "timeout"})
    if unknown:
        raise UsageError(f"{url}: unknown option {unknown[0]} (options: update, gsp, timeout)")
    update = options.get("update")
    gsp = options.get("gsp")
    return Endpoints(
        query=query_url,
        update=urllib.parse.urljoin(query_url, update) if update else default_update_endpoint(query_url),
        gsp=urllib.parse.urljoin(query_url, gsp) if gsp else None,
        timeout=_timeout(options.get("timeout", "60"), url),
        user=urllib.parse.unquote(parts.username) if parts.username else None,
        password=urllib.parse.unquote(parts.password or "") if parts.username else None,
    )


def _timeout(text: str, url: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if value <= 0:
        raise UsageError(f"{url}: timeout must be a positive number of seconds, not {text!r}")
    return value


class RemoteStore(ClosingStore):
    """The Store interface of kg.store.local over HTTP; queries see the server's default graph."""

    def __init__(self, endpoints: Endpoints):
        self.endpoints = endpoints
        self._opener = _opener(endpoints)

    @classmethod
    def from_url(cls, url: str) -> RemoteStore:
        return cls(parse_endpoints(url))

    def query(self, sparql: str, substitutions: dict | None = None) -> QueryResult:
        """Solutions, a QueryBoolean, or a list of Triples, parsed with pyoxigraph from the server's answer."""
        if substitutions:
            sparql = bind_parameters(sparql, {var.value: term for var, term in substitutions.items()})
        body, content_type = self._post(self.endpoints.query, {"query": sparql}, accept=ACCEPT)
        if content_type in RESULT_TYPES:
            return ox.parse_query_results(body, RESULT_TYPES[content_type])
        if content_type in GRAPH_TYPES:
            return [quad.triple for quad in ox.parse(body, GRAPH_TYPES[content_type])]
        raise StoreError(f"{self.endpoints.query}: unexpected answer of type {content_type or 'unknown'}")

    def update(self, sparql: str) -> None:
        self._post(self.endpoints.update, {"update": sparql}, accept="*/*")

    def replace_graph(self, graph: str, ntriples: str, *, new: bool = False) -> None:  # one request either way
        if self.endpoints.gsp:  # one PUT replaces the graph atomically on the server
            url = _with_query(self.endpoints.gsp, {"graph": graph})
            self._send(urllib.request.Request(url, ntriples.encode("utf-8"), method="PUT",
                                              headers={"Content-Type": "application/n-triples"}))
        else:
            self.update(replace_graph_update(graph, ntriples))

    def remove_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")

    def quads(self):
        for row in self.query(DUMP_QUERY):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return ox.serialize(self.quads(), format=fmt) or b""

    def article_hashes(self) -> dict[str, str]:
        return read_article_hashes(self)

    def article_states(self) -> dict[str, tuple[str, str]]:
        return read_article_states(self)

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[bytes, str]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        return self._send(request, is_query="query" in form)

    def _send(self, request: urllib.request.Request, is_query: bool = False) -> tuple[bytes, str]:
        try:
            with self._opener.open(request, timeout=self.endpoints.timeout) as response:
                content_type = response.headers.get_content_type()
                return response.read(), content_type
        except urllib.error.HTTPError as err:
            reason = _first_line(err.read().decode("utf-8", "replace")) or err.reason
            if is_query and err.code == 400:
                raise QuerySyntaxError(f"{request.full_url}: {reason}") from err
            raise StoreError(f"{request.full_url}: HTTP {err.code} {reason}") from err
        except (urllib.error.URLError, OSError) as err:
            cause = err.reason if isinstance(err, urllib.error.URLError) else err
            raise StoreError(f"{request.full_url}: cannot reach the SPARQL server ({cause})") from err


def _opener(endpoints: Endpoints) -> urllib.request.OpenerDirector:
    """Basic and digest authentication (Fuseki and GraphDB use basic, Virtuoso digest) when a user is given."""
    if endpoints.user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in filter(None, (endpoints.query, endpoints.update, endpoints.gsp)):
        passwords.add_password(None, url, endpoints.user, endpoints.password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords))


def _with_query(url: str, params: dict[str, str]) -> str:
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}{urllib.parse.urlencode(params)}"


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]

"""The HTTP side of `kg serve`: SPARQL 1.1 Protocol requests in, negotiated answers out."""

from __future__ import annotations

import urllib.parse
from http.server import BaseHTTPRequestHandler
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.query.confidence import DEFAULT_MIN_CONFIDENCE, check_minimum
from kg.query.guard import check_shape, refused_services
from kg.query.run import looks_like_update
from kg.query.syntax import readable
from kg.serve.description import service_description
from kg.serve.pages import error_page, landing_page, results_page
from kg.serve.results import Answer, OutOfMemory, QueryTimeout, ResultTooLarge, choose_format, media_type, serialize
from kg.serve.worker import WorkerFailed

QUERY_PATHS = ("/query", "/sparql")
MIN_CONFIDENCE = "min-confidence"  # /named/NAME?min-confidence=0.5: the threshold `kg query` takes, same default
MAX_BODY = 1_000_000  # bytes of a POSTed query
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}
# The pages carry no script at all, so none may run: not an injected one, nor a javascript: link.
HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
READ_ONLY = "this SPARQL endpoint is read-only: updates are refused (use kg build to change the store)"


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class SparqlHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"
    server: Any  # the KgServer of kg/serve/server.py (not imported: server.py imports this module)

    def setup(self) -> None:
        self.timeout = self.server.service.limits.idle_timeout_s  # type: ignore[misc]  # applied to the socket
        super().setup()

    def do_GET(self) -> None:
        self._handle(lambda: self._route(self._url_params()))

    def do_POST(self) -> None:
        self._handle(lambda: self._route(self._url_params() + self._body_params()))

    do_HEAD = do_GET  # same headers, no body (see _send)

    def do_OPTIONS(self) -> None:
        self._send(204, b"", None)

    def do_PUT(self) -> None:
        self._handle(self._refuse_method)

    do_DELETE = do_PATCH = do_PUT

    def _refuse_method(self) -> None:
        """405 whatever the body: it is not read, and the connection is closed after the answer."""
        raise HttpError(405, READ_ONLY, {"Allow": "GET, POST, OPTIONS"})

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (BaseHTTPRequestHandler's signature)
        self.server.log(f"{self.address_string()} {format % args}")

    # --- routing ------------------------------------------------------------------------------

    def _route(self, params: list[tuple[str, str]]) -> None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/") or "/"
        names = {name for name, _ in params}
        if path == "/update" or "update" in names:
            raise HttpError(403, READ_ONLY)
        if path in QUERY_PATHS and "query" not in names and self.command in ("GET", "HEAD"):
            endpoint = f"http://{self.headers.get('Host') or self.server.server_address[0]}{path}"
            return self._answer(service_description(endpoint), params, "service description")
        if path in QUERY_PATHS or (path == "/" and "query" in names):
            return self._run(_one(params, "query"), params, "query")
        if path.startswith("/named/"):
            name = urllib.parse.unquote(path[len("/named/"):])
            values = {k: v for k, v in params if k not in ("format", "output", "results", MIN_CONFIDENCE)}
            try:
                text = self.server.service.named_text(name, values, _min_confidence(params))
            except KgError as err:
                raise HttpError(404 if "no such named query" in str(err) else 400, str(err)) from err
            return self._run(text, params, name)
        if path == "/":
            limits = self.server.service.limits
            page = landing_page(self.server.service.queries, limits.timeout_s, limits.max_rows)
            return self._send(200, page, "text/html")
        raise HttpError(404, f"{path}: not found (the SPARQL endpoint is /query)")

    def _run(self, text: str, params: list[tuple[str, str]], title: str) -> None:
        if looks_like_update(text):
            raise HttpError(403, READ_ONLY)
        self._check_query(text)
        defaults = _graph_iris(params, "default-graph-uri")
        named = _graph_iris(params, "named-graph-uri")
        try:
            answer = self.server.service.answer(text, defaults, named, self._client())
        except SyntaxError as err:
            raise HttpError(400, f"query {readable(text, err)}") from err
        except (QueryTimeout, OutOfMemory) as err:
            raise HttpError(503, str(err)) from err
        except ResultTooLarge as err:
            raise HttpError(422, str(err)) from err
        except WorkerFailed as err:
            raise HttpError(500, f"the query failed: {err}") from err
        self._answer(answer, params, title)

    def _client(self) -> str:
        """Who the fair share counts: the peer's address, or behind a trusted reverse proxy (--trust-forwarded)
        the first address of X-Forwarded-For, the one the first proxy saw; a client could forge it otherwise."""
        forwarded = self.headers.get("X-Forwarded-For", "")
        first = forwarded.split(",")[0].strip()
        return first if first and self.server.service.limits.trust_forwarded else self.client_address[0]

    def _check_query(self, text: str) -> None:
        """400 before any worker sees it: a query nested too deeply to parse safely, or a SERVICE to a host
        not allowed (the server would otherwise send requests wherever a query says)."""
        try:
            check_shape(text, "query")
        except KgError as err:
            raise HttpError(400, str(err)) from err
        refused = refused_services(text, self.server.service.limits.allow_service)
        if refused:
            raise HttpError(400, f"federated queries are refused here: SERVICE {refused[0]} is not an allowed host "
                                 "(the server's owner can allow hosts with kg serve --allow-service HOST)")

    def _answer(self, answer: Answer, params: list[tuple[str, str]], title: str) -> None:
        requested = next((v for k, v in params if k in ("format", "output", "results")), None)
        name = choose_format(answer.kind, requested, self.headers.get("Accept"))
        if name is None:
            raise HttpError(406, f"cannot answer this {answer.kind} query in {requested or self.headers.get('Accept')}")
        body = results_page(answer, title) if name == "html" else serialize(answer, name)
        self._send(200, body, media_type(answer.kind, name))

    # --- request and response -----------------------------------------------------------------

    def _url_params(self) -> list[tuple[str, str]]:
        return urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)

    def _read_body(self) -> bytes:
        declared = (self.headers.get("Content-Length") or "0").strip()
        if not declared.isdigit():
            raise HttpError(400, f"Content-Length must be a number of bytes, not {declared[:40]!r}")
        length = int(declared)
        if length > MAX_BODY:
            raise HttpError(413, f"the request body is larger than {MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    def _body_params(self) -> list[tuple[str, str]]:
        body = self._read_body().decode("utf-8", "replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            raise HttpError(403, READ_ONLY)
        if content_type == "application/sparql-query":
            return [("query", body)]
        if content_type in ("application/x-www-form-urlencoded", ""):
            return urllib.parse.parse_qsl(body, keep_blank_values=True)
        raise HttpError(415, f"unsupported request type {content_type} (use a form or application/sparql-query)")

    def _handle(self, action) -> None:
        try:
            action()
        except HttpError as err:
            self._error(err.status, str(err), err.headers)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away
        except TimeoutError:
            self.close_connection = True  # the client stopped sending in the middle of its request
        except Exception as err:  # noqa: BLE001  (a bug must cost one request an answer, not the connection one)
            self.server.log(f"kg: internal error on {self.command} {self.path[:200]!r}: {type(err).__name__}: {err}")
            self._error(500, f"internal error ({type(err).__name__})")

    def _error(self, status: int, message: str, headers: dict | None = None) -> None:
        self.close_connection = True  # an unread request body must not be taken for the next request
        wants_html = "format=html" in self.path or "text/html" in (self.headers.get("Accept") or "")
        if wants_html:
            self._send(status, error_page(status, message), "text/html", headers)
        else:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain", headers)

    def _send(self, status: int, body: bytes, content_type: str | None, extra: dict | None = None) -> None:
        self.send_response(status)
        html = HTML_HEADERS if content_type == "text/html" else {}
        for header, value in {**CORS, **html, **(extra or {})}.items():
            self.send_header(header, value)
        if content_type:
            charset = "; charset=utf-8" if content_type.startswith("text/") else ""
            self.send_header("Content-Type", content_type + charset)
            self.send_header("Vary", "Accept")
        self.send_header("Content-Length", str(len(body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _graph_iris(params: list[tuple[str, str]], name: str) -> list[str]:
    """The `default-graph-uri` or `named-graph-uri` values, each checked to be an IRI (400 if not)."""
    values = [value for key, value in params if key == name]
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as err:
            raise HttpError(400, f"{name}: {value[:200]!r} is not an IRI ({err})") from None
    return values


def _min_confidence(params: list[tuple[str, str]]) -> float:
    """The named query's confidence threshold from the URL (400 if it is not one number from 0 to 1)."""
    if not any(key == MIN_CONFIDENCE for key, _ in params):
        return DEFAULT_MIN_CONFIDENCE
    value = _one(params, MIN_CONFIDENCE)
    try:
        return check_minimum(float(value))
    except (ValueError, KgError):
        raise HttpError(400, f"{MIN_CONFIDENCE}={value}: not a number from 0 to 1") from None


def _one(params: list[tuple[str, str]], name: str) -> str:
    values = [value for key, value in params if key == name]
    if len(values) != 1 or not values[0].strip():
        raise HttpError(400, f"give exactly one non-empty `{name}` parameter")
    return values[0]

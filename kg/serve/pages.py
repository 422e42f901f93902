"""The server's HTML: a landing page listing the named queries, and results as an HTML table."""

from __future__ import annotations

import html

import pyoxigraph as ox

from kg.query.confidence import DEFAULT_MIN_CONFIDENCE
from kg.query.formats import namespaces_of, shorten
from kg.query.run import NamedQuery
from kg.serve.results import Answer
from kg.vocab import Iris

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; font-size: .9rem; } td, th { border: 1px solid #ccc; padding: .25rem .5rem;
vertical-align: top; text-align: left; } th { background: #f3f3f3; } textarea { width: 100%; font-family: monospace; }
.query { margin: 1.2rem 0; } .query p { margin: .2rem 0; } code { background: #f3f3f3; padding: 0 .2rem; }
"""


def _page(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>{body}</body></html>\n").encode()


def _named_query_block(named: NamedQuery) -> str:
    name = html.escape(named.name)
    links = " ".join(
        f'<a href="/named/{name}?format={fmt}">{label}</a>'
        for fmt, label in (("html", "table"), ("json", "JSON"), ("csv", "CSV"), ("xml", "XML"))
    )
    form = ""
    if named.parameters:
        inputs = " ".join(
            f'<label>{html.escape(p.name)} <input name="{html.escape(p.name)}" required></label>'
            for p in named.parameters
        )
        form = (f'<form action="/named/{name}" method="get">{inputs}'
                f'<input type="hidden" name="format" value="html"> <button>Run</button></form>')
        links = ""
    params = "".join(f"<p><code>{html.escape(p.name)}</code>: {html.escape(p.description)}</p>"
                     for p in named.parameters)
    return (f'<div class="query" id="{name}"><h3>{html.escape(named.title)} <small><code>{name}</code></small></h3>'
            f"<p>{html.escape(named.description)}</p>{params}<p>{links}</p>{form}</div>")


def landing_page(queries: dict[str, NamedQuery], timeout_s: float, max_rows: int) -> bytes:
    blocks = "\n".join(_named_query_block(named) for named in queries.values())
    body = f"""<h1>kg SPARQL endpoint</h1>
<p>This server answers SPARQL 1.1 queries over the knowledge graph at <code>/query</code> (GET or POST,
results chosen by the <code>Accept</code> header or a <code>format</code> parameter). It is read-only.
Queries stop after {timeout_s:g} s and results are limited to {max_rows} rows.</p>
<h2>Named queries</h2>
<p>They show the facts the extractor gave a confidence of {DEFAULT_MIN_CONFIDENCE:g} or more (right about 80 % of
the time on the project's blind sets); add <code>min-confidence=0</code> to a named query's URL for every fact. Your own
queries see every fact.</p>
{blocks}
<h2>Your own query</h2>
<form action="/query" method="post">
<textarea name="query" rows="8">SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT 10</textarea>
<input type="hidden" name="format" value="html"><button>Run</button></form>"""
    return _page("kg SPARQL endpoint", body)


def _cell(term, namespaces: list[tuple[str, str]]) -> str:
    text = html.escape(shorten(term, namespaces))
    if isinstance(term, ox.NamedNode) and term.value.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(term.value)}">{text}</a>'  # never javascript:, data: or file:
    return text


def results_page(answer: Answer, title: str) -> bytes:
    """A SELECT, ASK or CONSTRUCT answer as an HTML table."""
    if answer.kind == "boolean":
        body = f"<p>{'true' if answer.boolean else 'false'}</p>"
    else:
        head = answer.variables if answer.kind == "solutions" else ("subject", "predicate", "object")
        rows = [[row[name] for name in head] for row in answer.rows] if answer.kind == "solutions" \
            else [[t.subject, t.predicate, t.object] for t in answer.rows]
        header = "".join(f"<th>{html.escape(name)}</th>" for name in head)
        namespaces = namespaces_of(Iris(answer.base).prefixes)  # the store's prefixes, as `kg query` shows them
        cells = "\n".join("<tr>" + "".join(f"<td>{_cell(term, namespaces)}</td>" for term in row) + "</tr>"
                          for row in rows)
        body = f"<p>{len(rows)} rows</p><table><tr>{header}</tr>\n{cells}</table>"
    back = '<p><a href="/">all named queries</a></p>'
    return _page(title, f"<h1>{html.escape(title)}</h1>{back}{body}")


def error_page(status: int, message: str) -> bytes:
    return _page(f"Error {status}", f"<h1>Error {status}</h1><pre>{html.escape(message)}</pre>")


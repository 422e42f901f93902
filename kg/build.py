"""Build the store from articles: ingest -> spaCy -> extract -> RDF -> one named graph per article.

Streams: articles are read, parsed in batches and written one at a time, so memory does not grow
with the corpus. Each article's graph is swapped atomically, so an interrupted build leaves every
graph either old or new. Incremental: an article whose content hash and extractor version are
already stored is not parsed again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

from kg import vocab
from kg.extract import EXTRACTOR_VERSION, extract
from kg.ingest import DEFAULT_MAX_BYTES, article_id, read_articles
from kg.mapping import to_ntriples
from kg.model import Article, Skipped
from kg.nlp import load_pipeline
from kg.store import Store

BATCH_SIZE = 16
EVIDENCE = f"<{vocab.RDF.type}> <{vocab.KG.Evidence}> ."
EVENTS = tuple(f"<{vocab.RDF.type}> <{vocab.KG[kind]}> ." for kind in ("AccountSuspension", "AccountTakeover"))

Progress = Callable[[Article | Skipped, str], None]  # called with each input and "stored" | "unchanged" | "skipped"


@dataclass
class BuildReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    pruned: int = 0
    counts: Counter = field(default_factory=Counter)  # triples, facts and events written by this build

    @property
    def ok(self) -> bool:
        return not self.skipped


def process(doc: Doc, article: Article) -> str:
    """The N-Triples of one article's named graph; `doc` is `nlp(article.text)`. Pure, so it can run anywhere."""
    return to_ntriples(extract(doc, article))


def build(paths: Iterable[str | Path], store: Store, *, progress: Progress | None = None, prune: bool = False,
          force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = BATCH_SIZE) -> BuildReport:
    """Read the articles under `paths` into `store`; see BuildReport for what it says."""
    report = BuildReport()
    notify = progress or (lambda item, status: None)
    known = store.article_states()
    present: set[str] = set()
    fresh = _fresh_articles(read_articles(paths, max_bytes=max_bytes), known, force, present, report, notify)
    nlp = load_pipeline()
    for doc, article in nlp.pipe(((a.text, a) for a in fresh), as_tuples=True, batch_size=batch_size):
        _store_article(store, doc, article, report, notify)
    if prune:
        report.pruned = _prune(store, known, present, report.skipped)
    return report


def _fresh_articles(items: Iterator[Article | Skipped], known: dict, force: bool, present: set[str],
                    report: BuildReport, notify: Progress) -> Iterator[Article]:
    """The articles that need (re)building; records the others in the report as they stream past."""
    nlp_limit = load_pipeline().max_length
    for item in items:
        if isinstance(item, Article) and len(item.text) > nlp_limit:
            item = Skipped(item.source or item.id, f"article too long for the parser ({len(item.text)} characters)")
        if isinstance(item, Skipped):
            report.skipped.append(item)
            notify(item, "skipped")
            continue
        present.add(item.id)
        if not force and known.get(item.id) == (item.content_hash, EXTRACTOR_VERSION):
            report.unchanged += 1
            notify(item, "unchanged")
            continue
        yield item


def _store_article(store: Store, doc: Doc, article: Article, report: BuildReport, notify: Progress) -> None:
    try:
        ntriples = process(doc, article)
    except Exception as err:  # an extractor bug on one article must not lose the rest of the build
        skipped = Skipped(article.source or article.id, f"extraction failed ({type(err).__name__}: {err})")
        report.skipped.append(skipped)
        notify(skipped, "skipped")
        return
    store.replace_graph(str(vocab.graph_iri(article.id)), ntriples)
    report.stored += 1
    report.counts.update(_count(ntriples))
    notify(article, "stored")


def _count(ntriples: str) -> Counter:
    lines = ntriples.splitlines()
    return Counter(
        triples=len(lines),
        facts=sum(line.endswith(EVIDENCE) for line in lines),
        events=sum(line.endswith(EVENTS) for line in lines),
    )


def _prune(store: Store, known: dict, present: set[str], skipped: list[Skipped]) -> int:
    """Drop the graphs of stored articles that are no longer among the inputs.

    An input that is still there but could not be read this time keeps its graph: bad input never
    loses what is already stored.
    """
    kept = present | {article_id(Path(item.source.rsplit(":", 1)[0]).stem) for item in skipped}
    gone = sorted(set(known) - kept)
    for gone_id in gone:
        store.remove_graph(str(vocab.graph_iri(gone_id)))
    return len(gone)

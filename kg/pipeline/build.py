"""Build the store from articles: ingest -> spaCy -> extract -> RDF -> one named graph per article.

Streams: articles are read, parsed in batches and written one at a time, so memory does not grow
with the corpus. Each article's graph is swapped atomically, so an interrupted build leaves every
graph either old or new. Incremental: an article whose content hash and extractor version are
already stored is not parsed again.
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from kg import vocab
from kg.errors import UsageError
from kg.ingest.read import DEFAULT_MAX_BYTES, read_articles
from kg.model import Article, Skipped
from kg.pipeline.bounded import DEFAULT_MAX_SECONDS, Budgeted, LongText
from kg.pipeline.executors import Outcome, check_executor, open_executor
from kg.pipeline.labels import with_gazetteer_names
from kg.pipeline.names import display_names_outdated, mark_display_names_outdated, refresh_display_names
from kg.pipeline.nlp import MAX_LENGTH
from kg.pipeline.pieces import extract_in_pieces
from kg.pipeline.sources import Sources, stored_sources
from kg.pipeline.writer import OrderedWriter
from kg.rdf.mapping import pipeline_identity, to_ntriples
from kg.rdf.provenance import build_activity, describe_dataset, now, record_build, remember_base
from kg.store import Store
from kg.store.base import claim_base, iris_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.identity import ExtractorSettings

BATCH_SIZE = 16
# Oxigraph keeps every write in memory buffers until they are flushed: about 160 MB per 1,000
# articles, released only when RocksDB decides (bench/bench_store_memory.py). Flushing every few
# hundred articles keeps a long build's memory flat (140 MB instead of 760 MB over 5,674 graphs).
FLUSH_EVERY = 500
EVIDENCE = f"<{vocab.RDF.type}> <{vocab.KG.Evidence}> ."
EVENTS = tuple(f"<{vocab.RDF.type}> <{vocab.KG[kind]}> ." for kind in vocab.EVENT_KINDS)

# called with each input and "stored" | "unchanged" | "duplicate" (same text as an earlier input) | "skipped",
# and once with "loading" and the first article to parse, before the parser (the French model) loads
Progress = Callable[[Article | Skipped, str], None]


@dataclass
class BuildReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    pruned: int = 0
    duplicates: int = 0  # inputs whose text an earlier input of the build had: one article, one more source
    replaced: int = 0  # stored articles whose only file now holds another text (edited in place)
    counts: Counter = field(default_factory=Counter)  # triples, facts and events written by this build

    @property
    def ok(self) -> bool:
        return not self.skipped


def process(doc: Doc | LongText, article: Article, settings: ExtractorSettings | None = None,
            iris: vocab.Iris = vocab.DEFAULT_IRIS) -> str:
    """The N-Triples of one article's named graph, its IRIs under `iris`' base; `doc` is `nlp(article.text)`, or
    for a long article its LongText, extracted piece by piece (kg/pipeline/pieces.py). Pure, so it can run
    anywhere."""
    from kg.extract.extractor import extract  # numpy and the rules: only where something is extracted
    from kg.extract.identity import DEFAULT_SETTINGS

    settings = settings or DEFAULT_SETTINGS
    run = partial(extract, settings=settings)
    extraction = extract_in_pieces(doc, article, run) if isinstance(doc, LongText) else run(doc, article)
    return to_ntriples(with_gazetteer_names(extraction, settings.gazetteers), iris)


def build(paths: Iterable[str | Path], store: Store, *, progress: Progress | None = None, prune: bool = False,
          force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = BATCH_SIZE,
          executor: str = "local", workers: int = 1, scheduler: str | None = None,
          settings: ExtractorSettings | None = None,
          max_seconds: float | None = DEFAULT_MAX_SECONDS, base: str | None = None) -> BuildReport:
    """Read the articles under `paths` into `store`; see BuildReport for what it says.

    Parsing and extraction run where `executor`/`workers`/`scheduler` say (see kg.pipeline.executors); this
    process alone writes, in input order, so the store is the same whichever executor ran. Last, the
    entities' display names are recomputed (kg/names.py) when anything was written or removed.
    `base` is the base IRI of what is minted (kg/vocab.py): by default the store's, and a store that holds
    articles takes no other (BaseIriConflict).
    """
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, not {batch_size}")
    check_executor(executor, workers, scheduler)
    iris = claim_base(store, vocab.check_base(base) if base is not None else None)
    report, started = BuildReport(), now()
    notify = progress or (lambda item, status: None)
    known = store.article_states()
    sources = Sources(stored_sources(store), set(known))
    from kg.extract.identity import DEFAULT_SETTINGS, extractor_identity  # (loads kg.extract: not for kg --help)

    settings = settings or DEFAULT_SETTINGS
    identity = pipeline_identity(extractor_identity(settings))
    fresh = _fresh_articles(read_articles(paths, max_bytes=max_bytes), known, force, sources, report, notify, identity)
    first = next(fresh, None)  # the executor, and with it the model, only once something is to be extracted
    todo = chain([first], fresh) if first is not None else iter(())
    flush = getattr(store, "flush", None)  # stores with write buffers; see FLUSH_EVERY
    with open_executor(executor, workers, scheduler) if first is not None else nullcontext(_no_executor) as run, \
            OrderedWriter() as writer:
        for outcome in run(todo, Budgeted(partial(process, settings=settings, iris=iris), max_seconds), batch_size):
            if report.stored == 0 and outcome.error is None:  # the first write: see kg/names.py
                writer.submit(remember_base, store, iris)  # before it, so that even a build cut short leaves its base
                writer.submit(mark_display_names_outdated, store)
            # a text already read in this build is not parsed again, so an id not stored before is new here
            if _store_outcome(writer, store, outcome, report, notify, new=outcome.article.id not in known):
                sources.wrote(outcome.article)
            if flush and report.stored % FLUSH_EVERY == 0 and outcome.error is None:
                writer.submit(flush)
    replaced = sources.reconcile(store, prune)
    report.replaced = len(replaced)
    if replaced:
        mark_display_names_outdated(store)
    if prune:
        report.pruned = _prune(store, set(known) - replaced, sources, report.skipped)
    if report.stored or report.pruned or report.replaced or display_names_outdated(store):
        refresh_display_names(store)  # names can change with any article written or removed
    if report.stored or report.pruned or report.replaced:  # a build that changed nothing leaves no trace
        record_build(store, build_activity(started, now(), identity, sources.read, sources.written, iris))
        describe_dataset(store)
    return report


def _no_executor(articles: Iterable[Article], process: Callable, batch_size: int) -> Iterator[Outcome]:
    return iter(())  # nothing to extract: no model, no worker


def _fresh_articles(items: Iterator[Article | Skipped], known: dict, force: bool, sources: Sources,
                    report: BuildReport, notify: Progress, identity: str) -> Iterator[Article]:
    """The articles that need (re)building; records the others in the report as they stream past."""
    first = True
    for item in items:
        if isinstance(item, Article) and len(item.text) > MAX_LENGTH:
            item = Skipped(item.source or item.id, f"article too long for the parser ({len(item.text)} characters)")
        if isinstance(item, Skipped):
            report.skipped.append(item)
            notify(item, "skipped")
            continue
        if sources.note(item):
            report.duplicates += 1
            notify(item, "duplicate")
            continue
        if not force and known.get(item.id) == (item.content_hash, identity):
            report.unchanged += 1
            notify(item, "unchanged")
            continue
        if first:
            notify(item, "loading")  # the executor loads the model for its first batch: seconds with nothing stored
            first = False
        yield item


def _store_outcome(writer: OrderedWriter, store: Store, outcome: Outcome, report: BuildReport, notify: Progress,
                   new: bool) -> bool:
    """Have the article's graph written; False when its extraction failed (the input is reported as skipped)."""
    article = outcome.article
    if outcome.error is not None:  # an extractor bug on one article must not lose the rest of the build
        skipped = Skipped(article.source or article.id, outcome.error)
        report.skipped.append(skipped)
        notify(skipped, "skipped")
        return False
    assert outcome.ntriples is not None  # an outcome has either an error or its N-Triples
    writer.submit(store.replace_graph, str(iris_of(store).graph[article.id]), outcome.ntriples, new=new)
    report.stored += 1
    report.counts.update(_count(outcome.ntriples))
    notify(article, "stored")
    return True


def _count(ntriples: str) -> Counter:
    lines = [line for line in ntriples.split("\n") if line]
    return Counter(
        triples=len(lines),
        facts=sum(line.endswith(EVIDENCE) for line in lines),
        events=sum(line.endswith(EVENTS) for line in lines),
    )


def _prune(store: Store, known: set[str], sources: Sources, skipped: list[Skipped]) -> int:
    """Drop the graphs of stored articles that are no longer among the inputs.

    An input that is still there but could not be read this time keeps its graph: bad input never
    loses what is already stored.
    """
    kept = set(sources.read).union(*(sources.owners(item.source) for item in skipped))
    gone = sorted(known - kept)
    if gone:
        mark_display_names_outdated(store)
    for gone_id in gone:
        store.remove_graph(str(iris_of(store).graph[gone_id]))
    return len(gone)
